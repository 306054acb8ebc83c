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

/**
 * A stable key for a literal (its code and thunks included): equal keys for equal values. An
 * object's key names its parts by their own keys' numbers (hash-consing), so a key stays short
 * however deep the value; each object's key is remembered by the keyer it comes from.
 */
function keyer(): (value: Literal) => string {
  const keys = new WeakMap<object, string>();
  const numbers = new Map<string, string>();
  const intern = (text: string): string => {
    let key = numbers.get(text);
    if (key === undefined) {
      key = `#${numbers.size}`;
      numbers.set(text, key);
    }
    return key;
  };
  const keyOf = (value: Literal): string => {
    if (value === null || typeof value !== "object")
      return JSON.stringify(value);
    let key = keys.get(value);
    if (key === undefined) {
      if (value instanceof Code) key = intern(`c${JSON.stringify(value.text)}`);
      else if (value instanceof Arrow) key = intern(`f${keyOf(value.body)}`);
      else if (Array.isArray(value))
        key = intern(`[${(value as readonly Literal[]).map(keyOf).join(",")}]`);
      else {
        let text = "{";
        for (const name in value) {
          const v = (value as Record<string, Literal | undefined>)[name];
          if (v !== undefined) text += `${JSON.stringify(name)}:${keyOf(v)},`;
        }
        key = intern(`${text}}`);
      }
      keys.set(value, key);
    }
    return key;
  };
  return keyOf;
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
  const keyOf = keyer();
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
  /** `value` (as `written`: its items already shared) or the constant that holds it. */
  const refer = (value: Literal, type: string, written = value): Literal => {
    const key = keyOf(value);
    if ((counts.get(key) ?? 0) < 2) return written;
    let code = names.get(key);
    if (!code) {
      code = new Code(`${prefix}${shared.length + 1}`);
      names.set(key, code);
      shared.push({ name: code.text, type, value: written });
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
      copy[field] = refer(value, type, items);
    }
    return copy;
  });
  return { rows: out, shared };
}
