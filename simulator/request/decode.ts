/**
 * vcd-codegen runtime, simulator: a request body's bytes as text, decoded as Xerces decodes a
 * document it reads from bytes: by its byte order mark or its XML declaration's `encoding` (the
 * `Content-Type` charset plays no part: JAXB hands the parser the stream), UTF-8 when neither says.
 * Bytes that are not valid in that encoding are a 400 in Xerces' words (`Invalid byte 1 of 1-byte
 * UTF-8 sequence.`, as vCD answers a Latin-1 body sent without a declaration), never replaced by
 * U+FFFD; an encoding Xerces does not know is `Invalid encoding name "X".`.
 */
import { badRequest } from "../fault.js";
import { JAXB_PREFIX } from "./body.js";

const DECLARED = /^<\?xml\s[^>]*?\bencoding\s*=\s*(["'])([A-Za-z][\w.:-]*)\1/;
const LATIN_1 = new Set([
  "iso-8859-1",
  "iso8859-1",
  "iso_8859-1",
  "latin1",
  "l1",
  "8859_1",
  "cp819",
  "ibm819",
]);

export function decodeBody(bytes: Buffer): string {
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return utf16(bytes, "utf-16be");
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return utf16(bytes, "utf-16le");
  const head = bytes.subarray(0, 256).toString("latin1");
  const declared = DECLARED.exec(head)?.[2];
  const name = (declared ?? "UTF-8").toLowerCase();
  if (name === "utf-8" || name === "utf8") return utf8(bytes);
  if (LATIN_1.has(name)) return bytes.toString("latin1");
  if (name === "utf-16") return utf16(bytes, "utf-16be");
  let decoder: TextDecoder;
  try {
    decoder = new TextDecoder(name, { fatal: true });
  } catch {
    throw badRequest(
      `${JAXB_PREFIX}org.xml.sax.SAXParseException: Invalid encoding name "${declared}".`,
    );
  }
  try {
    return decoder.decode(bytes);
  } catch {
    throw malformed(`Invalid byte 1 of 1-byte ${declared} sequence.`);
  }
}

/** Decoded once, strictly; a leading byte order mark is dropped (the decoder's default). */
function utf8(bytes: Buffer): string {
  try {
    return new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    throw malformed(invalidUtf8(bytes));
  }
}

function isUtf8(bytes: Buffer): boolean {
  try {
    new TextDecoder("utf-8", { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

function utf16(bytes: Buffer, label: "utf-16be" | "utf-16le"): string {
  try {
    return new TextDecoder(label, { fatal: true }).decode(bytes);
  } catch {
    throw malformed("Invalid byte 1 of 2-byte UTF-16 sequence.");
  }
}

const malformed = (message: string) =>
  badRequest(
    `${JAXB_PREFIX}com.sun.org.apache.xerces.internal.impl.io.MalformedByteSequenceException: ${message}`,
  );

/**
 * Xerces' message for the first malformed sequence (its UTF8Reader): a byte that cannot start a
 * sequence is byte 1 of a 1-byte one; else the first byte of the sequence that is not a
 * continuation byte, counted within the sequence its first byte announces.
 */
function invalidUtf8(bytes: Buffer): string {
  for (let i = 0; i < bytes.length;) {
    const b = bytes[i];
    const length =
      b < 0x80
        ? 1
        : b >= 0xc2 && b < 0xe0
          ? 2
          : b >= 0xe0 && b < 0xf0
            ? 3
            : b >= 0xf0 && b < 0xf5
              ? 4
              : 0;
    if (length === 0) return "Invalid byte 1 of 1-byte UTF-8 sequence.";
    if (length > 1) {
      const sequence = bytes.subarray(i, i + length);
      for (let k = 1; k < length; k++) {
        const c = sequence[k];
        if (c === undefined || (c & 0xc0) !== 0x80)
          return `Invalid byte ${k + 1} of ${length}-byte UTF-8 sequence.`;
      }
      if (!isUtf8(sequence))
        return `Invalid byte 2 of ${length}-byte UTF-8 sequence.`;
    }
    i += length;
  }
  return "Invalid byte 1 of 1-byte UTF-8 sequence.";
}
