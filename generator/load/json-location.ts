/**
 * Where a JSON path lies in a JSON file's text, for diagnostics: each key is looked for (as a quoted
 * key followed by `:`) after the previous one, so the line and column are those of the last key
 * found. Good enough for the documents we read (keys are unique within their object); it never
 * fails: what cannot be found points at the last key found, or at the file's start.
 */
import type { SourceLocation } from "../diagnostics.js";

export function locateJsonPath(
  file: string,
  text: string,
  keys: readonly string[],
): SourceLocation {
  let offset = 0;
  let found = 0;
  for (const key of keys) {
    if (/^\d+$/.test(key)) continue; // an array index: no key in the text
    const pattern = new RegExp(`${escape(JSON.stringify(key))}\\s*:`, "g");
    pattern.lastIndex = offset;
    const match = pattern.exec(text);
    if (!match) break;
    offset = match.index;
    found = match.index;
  }
  const before = text.slice(0, found).split("\n");
  return {
    file,
    line: before.length,
    column: before[before.length - 1].length + 1,
  };
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");
}

/**
 * The same place, found only when someone asks for it (an error or a warning): the documents have
 * hundreds of operations, and each search scans the text.
 */
export function lazyJsonLocation(
  file: string,
  text: string,
  keys: readonly string[],
): SourceLocation {
  let found: SourceLocation | undefined;
  const get = () => (found ??= locateJsonPath(file, text, keys));
  return {
    file,
    get line() {
      return get().line;
    },
    get column() {
      return get().column;
    },
  };
}
