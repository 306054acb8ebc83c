/**
 * vcd-codegen runtime, simulator: the byte ranges of the transfer service: a PUT's `Content-Range:
 * bytes a-b/total` (RFC 9110 14.4; `*` for an unknown total) and a GET's `Range: bytes=a-b`, `a-`
 * or `-n` (one range; RFC 9110 14.1.2).
 */

export interface ContentRange {
  readonly start: number;
  /** Inclusive. */
  readonly end: number;
  /** The whole file's size, when sent. */
  readonly total: number | undefined;
}

/** A `Content-Range` header, or `undefined` when it is not of the form `bytes a-b/total`. */
export function parseContentRange(header: string): ContentRange | undefined {
  const m = /^\s*bytes\s+(\d+)-(\d+)\/(\d+|\*)\s*$/i.exec(header);
  if (!m) return undefined;
  const start = Number(m[1]);
  const end = Number(m[2]);
  const total = m[3] === "*" ? undefined : Number(m[3]);
  if (!Number.isSafeInteger(start) || !Number.isSafeInteger(end) || end < start)
    return undefined;
  if (total !== undefined && !Number.isSafeInteger(total)) return undefined;
  return { start, end, total };
}

/**
 * A `Range` header against a file of `size` bytes: the inclusive range to send, `"unsatisfiable"`
 * (416), or `undefined` for a header that is not one byte range (the whole file is sent, as RFC 9110
 * lets a server ignore what it does not understand).
 */
export function parseRange(
  header: string,
  size: number,
): { start: number; end: number } | "unsatisfiable" | undefined {
  const m = /^\s*bytes=(\d*)-(\d*)\s*$/i.exec(header);
  if (!m || (m[1] === "" && m[2] === "")) return undefined;
  if (m[1] === "") {
    const suffix = Number(m[2]);
    if (suffix === 0 || size === 0) return "unsatisfiable";
    return { start: Math.max(0, size - suffix), end: size - 1 };
  }
  const start = Number(m[1]);
  const end = m[2] === "" ? size - 1 : Math.min(Number(m[2]), size - 1);
  if (start >= size || end < start) return "unsatisfiable";
  return { start, end };
}
