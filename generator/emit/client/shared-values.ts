/**
 * Values that stand in several operation rows (a query's 64 answer shapes, the same `Task` answer
 * of hundreds of operations), declared once as constants of the module: each row refers to them,
 * so the table is printed, parsed and bundled once per value rather than once per row.
 */
import { Arrow, Code, type Literal } from "../print/layout.js";

export interface SharedValue {
  readonly name: string;
  readonly type: string;
  readonly value: Literal;
}

/** How a field's values are shared: the type of one such value. */
export interface SharedField {
  readonly field: string;
  readonly type: string;
  /** The type of one item, where the items (objects) are shared too. */
  readonly itemType?: string;
}

/** A stable text for a literal (its code and thunks included). */
function keyOf(value: Literal): string {
  return JSON.stringify(value, (_key, v: unknown) =>
    v instanceof Code
      ? { $code: v.text }
      : v instanceof Arrow
        ? { $arrow: v.body }
        : v,
  );
}

/**
 * Rewrites `rows`: each field of `fields` whose value (and each item of it, with `itemType`) stands
 * in two rows or more becomes a reference to a constant (`prefix` and a number, in order of first
 * use); returns the rows and the constants, to be declared before them.
 */
export function shareRepeated(
  rows: readonly { readonly [key: string]: Literal | undefined }[],
  fields: readonly SharedField[],
  prefix: string,
): { rows: Literal[]; shared: SharedValue[] } {
  const counts = new Map<string, number>();
  const count = (value: Literal) => {
    const key = keyOf(value);
    counts.set(key, (counts.get(key) ?? 0) + 1);
  };
  for (const row of rows)
    for (const { field, itemType } of fields) {
      const value = row[field];
      if (!Array.isArray(value) || value.length === 0) continue;
      count(value);
      if (itemType) for (const item of value as readonly Literal[]) count(item);
    }
  const shared: SharedValue[] = [];
  const names = new Map<string, Code>();
  const refer = (value: Literal, type: string): Literal => {
    const key = keyOf(value);
    if ((counts.get(key) ?? 0) < 2) return value;
    let code = names.get(key);
    if (!code) {
      code = new Code(`${prefix}${shared.length + 1}`);
      names.set(key, code);
      shared.push({ name: code.text, type, value });
    }
    return code;
  };
  const out = rows.map((row) => {
    const copy: { [key: string]: Literal | undefined } = { ...row };
    for (const { field, type, itemType } of fields) {
      const value = row[field];
      if (!Array.isArray(value) || value.length === 0) continue;
      const items = itemType
        ? (value as readonly Literal[]).map((item) => refer(item, itemType))
        : value;
      copy[field] = refer(items, type);
    }
    return copy;
  });
  return { rows: out, shared };
}
