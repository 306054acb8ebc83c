/**
 * vcd-codegen runtime, transfer (Node): files on disk as sinks: a download written to a path, or
 * each file of a template into a folder under its own name (one that would land outside the
 * folder, `../x` or an absolute path, is refused).
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { dirname, isAbsolute, join, normalize, sep } from "node:path";
import { Writable } from "node:stream";
import type { ByteSink } from "../byte-sink.js";
import { VcdTransferError } from "../transfer-error.js";

/** A sink writing to `path` (created or replaced; its folder created). */
export async function fileSink(path: string): Promise<ByteSink> {
  await mkdir(dirname(path), { recursive: true });
  return Writable.toWeb(createWriteStream(path)) as WritableStream<Uint8Array>;
}

/** Sinks for each file by name, in `dir`. */
export function folderSinks(dir: string): (name: string) => Promise<ByteSink> {
  return (name) => {
    const relative = normalize(name);
    if (
      isAbsolute(relative) ||
      relative === ".." ||
      relative.startsWith(`..${sep}`)
    )
      throw new VcdTransferError(
        `refusing to write a file named ${JSON.stringify(name)} outside ${dir}`,
        { file: name, offset: 0 },
      );
    return fileSink(join(dir, relative));
  };
}
