/** vcd-codegen runtime: escaping text and attribute values; characters XML 1.0 cannot carry are refused. */
import { INVALID_CHAR } from "./xml-parser.js";

/**
 * True when a text holds a character that must be escaped (`&`, `<`, `>`, and in attributes `"`
 * and white space other than the space) or that XML 1.0 may not carry (controls, surrogates,
 * U+FFFE/U+FFFF). A loop over char codes: faster than a regular expression on the short strings
 * most values are.
 */
function needsEscape(text: string, attribute: boolean): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c >= 0x3f) {
      if (c >= 0xd800 && (c <= 0xdfff || c >= 0xfffe)) return true;
      continue;
    }
    if (c === 0x26 || c === 0x3c || c === 0x3e) return true;
    if (c < 0x20) {
      if (attribute || (c !== 0x09 && c !== 0x0a)) return true;
    } else if (attribute && c === 0x22) return true;
  }
  return false;
}

/** Thrown for a string XML 1.0 cannot carry; `validate` reports the same as a violation. */
export class XmlCharError extends Error {
  constructor(readonly code: number) {
    super(
      `character U+${code.toString(16).toUpperCase().padStart(4, "0")} cannot be written in XML 1.0`,
    );
    this.name = "XmlCharError";
  }
}

export function escapeText(text: string): string {
  if (!needsEscape(text, false)) return text;
  checkChars(text);
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

export function escapeAttribute(text: string): string {
  if (!needsEscape(text, true)) return text;
  checkChars(text);
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/\t/g, "&#9;")
    .replace(/\n/g, "&#10;")
    .replace(/\r/g, "&#13;");
}

function checkChars(text: string): void {
  const bad = INVALID_CHAR.exec(text);
  if (bad) throw new XmlCharError(bad[0].charCodeAt(0));
}

/** The first character of a string XML 1.0 cannot carry, or undefined. */
export function invalidChar(text: string): number | undefined {
  const bad = INVALID_CHAR.exec(text);
  return bad ? bad[0].charCodeAt(0) : undefined;
}
