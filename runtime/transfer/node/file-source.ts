/**
 * vcd-codegen runtime, transfer (Node): a file on disk as a source, never read whole, with its
 * size from `stat`: an upload reads each piece at its position straight into the piece's buffer
 * (`positional`: the file opened only when the upload reaches it, closed when it ends), with no
 * chunk made per read (the 4 MiB chunks of a stream were garbage that raised a 1 GiB upload's
 * peak memory); anything else reads it as a stream (`createReadStream`).
 */
import { createReadStream } from "node:fs";
import { open, stat, type FileHandle } from "node:fs/promises";
import type { SizedStream } from "../byte-source.js";

/** How much of a file is read at a time: 4 MiB. */
const READ_SIZE = 4 * 1024 * 1024;

/** The file at `path`, as a source of its size. */
export async function fileSource(path: string): Promise<SizedStream> {
  const { size } = await stat(path);
  return {
    size,
    stream: {
      [Symbol.asyncIterator]: () =>
        createReadStream(path, { highWaterMark: READ_SIZE })[
          Symbol.asyncIterator
        ](),
    },
    positional: () => {
      let handle: Promise<FileHandle> | undefined;
      return {
        readAt: async (target, position) => {
          handle ??= open(path, "r");
          const { bytesRead } = await (
            await handle
          ).read(target, 0, target.byteLength, position);
          return bytesRead;
        },
        close: async () => {
          const opened = handle;
          handle = undefined;
          if (opened) await (await opened.catch(() => undefined))?.close();
        },
      };
    },
  };
}
