/**
 * vcd-codegen runtime, transfer (Node): a file on disk as a source, read as a stream
 * (`node:fs`'s `createReadStream`, opened only when the upload reaches it), never whole, with its
 * size from `stat`.
 */
import { createReadStream } from "node:fs";
import { stat } from "node:fs/promises";
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
  };
}
