/**
 * vcd-codegen runtime, client: the order of API versions (`32.0` before `35.2` before `36.0`), by
 * number part by part, not by text.
 */

/** Compares two numeric versions (`32.0`, `35.2`) part by part: negative when a < b; NaN when either is not numeric. */
export function compareApiVersions(a: string, b: string): number {
  const numeric = /^\d+(\.\d+)*$/;
  const x = a.trim();
  const y = b.trim();
  if (!numeric.test(x) || !numeric.test(y)) return NaN;
  const pa = x.split(".").map(Number);
  const pb = y.split(".").map(Number);
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const diff = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (diff !== 0) return diff;
  }
  return 0;
}
