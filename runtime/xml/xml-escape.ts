/** vcd-codegen runtime: escaping text and attribute values; characters XML 1.0 cannot carry are refused. */
/* eslint-disable no-control-regex -- XML 1.0's characters are defined by code points, control characters included */
import { INVALID_CHAR } from "./xml-parser.js";

const TEXT_SPECIAL =
  /[&<>\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;
const ATTRIBUTE_SPECIAL =
  /[&<>"\t\n\r\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF]/;

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
  if (!TEXT_SPECIAL.test(text)) return text;
  checkChars(text);
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/\r/g, "&#13;");
}

export function escapeAttribute(text: string): string {
  if (!ATTRIBUTE_SPECIAL.test(text)) return text;
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
