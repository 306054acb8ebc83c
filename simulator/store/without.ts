/**
 * vcd-codegen runtime, simulator: a copy of a value without some of its keys (what the server sets
 * itself: `href`, `type`, `Link`; a snapshot a clone must not carry).
 */
export function without<T extends object>(value: T, ...keys: string[]): T {
  const copy = { ...value } as Record<string, unknown>;
  for (const key of keys) delete copy[key];
  return copy as T;
}
