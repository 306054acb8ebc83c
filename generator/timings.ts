/** How long each step of a run took, in milliseconds, by step name (`load`, `resolve/inline-groups`, `emit`). */
export interface Timings {
  [step: string]: number;
}

/** Runs `work`, adding its time to `timings[step]`. */
export function timed<T>(timings: Timings, step: string, work: () => T): T {
  const start = performance.now();
  try {
    return work();
  } finally {
    timings[step] = (timings[step] ?? 0) + performance.now() - start;
  }
}
