/**
 * vcd-codegen runtime, transfer: a small file of a transfer (a descriptor, a manifest) read whole
 * as UTF-8 text, refusing one larger than vCD takes for a descriptor.
 */
import { VcdTransferError } from "./transfer-error.js";

/** The largest descriptor or manifest read: 64 MiB (the client's largest answer). */
const MAX_TEXT = 64 * 1024 * 1024;

export async function readText(
  chunks: AsyncIterable<Uint8Array>,
  size: number,
  name: string,
): Promise<string> {
  if (size > MAX_TEXT)
    throw new VcdTransferError(
      `${size} bytes: larger than a descriptor or manifest may be (${MAX_TEXT})`,
      { file: name, offset: 0 },
    );
  const decoder = new TextDecoder("utf-8", { fatal: true });
  const parts: string[] = [];
  let read = 0;
  try {
    for await (const chunk of chunks) {
      read += chunk.byteLength;
      parts.push(decoder.decode(chunk, { stream: true }));
    }
    parts.push(decoder.decode());
  } catch (error) {
    throw new VcdTransferError("not UTF-8 text", {
      file: name,
      offset: read,
      cause: error,
    });
  }
  return parts.join("");
}
