/**
 * The targets of the benchmarks: each check prints "met" or "MISSED" beside its figure and is
 * remembered, so that `npm run bench` ends with the list of every target and what became of it.
 */

export interface TargetResult {
  readonly name: string;
  readonly met: boolean;
  readonly detail: string;
}

const results: TargetResult[] = [];

/**
 * Checks `value` against `limit` (`>=`: at least, `<=`: at most) and remembers the result; returns
 * the text to print beside the figure: "met" or "MISSED".
 */
export function checkTarget(
  name: string,
  value: number,
  op: ">=" | "<=",
  limit: number,
  format: (n: number) => string = (n) => n.toFixed(2),
): string {
  const met = op === ">=" ? value >= limit : value <= limit;
  results.push({
    name,
    met,
    detail: `${format(value)} (target ${op === ">=" ? "at least" : "at most"} ${format(limit)})`,
  });
  return met ? "met" : "MISSED";
}

/** A target that could not be measured in this run: counted as missed, with the reason. */
export function unmeasuredTarget(name: string, reason: string): string {
  results.push({ name, met: false, detail: `not measured: ${reason}` });
  return "MISSED (not measured)";
}

export function targetResults(): readonly TargetResult[] {
  return results;
}

/** The median of some numbers (the lower middle one for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor((sorted.length - 1) / 2)];
}
