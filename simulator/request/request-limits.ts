/**
 * vcd-codegen runtime, simulator: vCD's limits on a request document, checked in one pass over the
 * text before it is parsed. The vCloud API Programming Guide ("Request Limits", 5.5): "Requests
 * cannot contain more than 4096 XML elements. Requests cannot have a depth greater than 100." (and
 * cannot exceed 512 KB: request/body-bytes.ts). The words of vCD's refusal are not documented: a 400
 * naming the limit.
 */
import { badRequest } from "../fault.js";

export const MAX_ELEMENTS = 4096;
export const MAX_DEPTH = 100;

/** Counts start tags and nesting; comments, CDATA sections, processing instructions and quoted attribute values are skipped. */
export function checkRequestLimits(text: string): void {
  let elements = 0;
  let depth = 0;
  let i = text.indexOf("<");
  while (i >= 0 && i < text.length) {
    const next = text.charCodeAt(i + 1);
    let end: number;
    if (text.startsWith("<!--", i)) end = after(text, "-->", i + 4);
    else if (text.startsWith("<![CDATA[", i)) end = after(text, "]]>", i + 9);
    else if (next === 0x3f /* ? */) end = after(text, "?>", i + 2);
    else if (next === 0x2f /* / */) {
      depth--;
      end = after(text, ">", i + 2);
    } else if (next === 0x21 /* ! */) end = after(text, ">", i + 2);
    else {
      end = tagEnd(text, i + 1);
      elements++;
      if (text.charCodeAt(end - 2) !== 0x2f /* / */) depth++;
      if (elements > MAX_ELEMENTS)
        throw badRequest(
          `Bad Request - The request has more than ${MAX_ELEMENTS} XML elements, the most vCloud Director accepts.`,
        );
      if (depth > MAX_DEPTH)
        throw badRequest(
          `Bad Request - The request nests XML elements deeper than ${MAX_DEPTH}, the most vCloud Director accepts.`,
        );
    }
    i = text.indexOf("<", end);
  }
}

function after(text: string, token: string, from: number): number {
  const at = text.indexOf(token, from);
  return at < 0 ? text.length : at + token.length;
}

/** Just past the `>` of a start tag, skipping quoted attribute values (which may hold `>`). */
function tagEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x3e /* > */) return i + 1;
    if (c === 0x22 || c === 0x27) {
      const close = text.indexOf(String.fromCharCode(c), i + 1);
      if (close < 0) return text.length;
      i = close + 1;
    } else i++;
  }
  return text.length;
}
