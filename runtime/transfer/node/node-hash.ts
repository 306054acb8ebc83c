/**
 * vcd-codegen runtime, transfer (Node): incremental hashes from `node:crypto`, so that a file
 * read as a stream is checked against its manifest piece by piece.
 */
import { createHash } from "node:crypto";
import type { HashFactory } from "../digest.js";

export const nodeHash: HashFactory = (algorithm) => {
  const hash = createHash(algorithm);
  return {
    update: (bytes) => {
      hash.update(bytes);
    },
    digest: () => hash.digest("hex"),
  };
};
