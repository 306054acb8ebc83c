/**
 * vcd-codegen runtime, transfer: one file of an upload, from its source to its File's
 * `upload:default` href: its size checked against what vCD expects, its digest (where a manifest
 * lists it) computed as its pieces are read (and checked against the manifest's before its last piece is sent, so that a
 * file whose bytes are wrong is never completed), its progress reported, and a resume reading the
 * File's `bytesTransferred` from the entity.
 */
import type { VcdClient } from "../client/client.js";
import {
  readerOf,
  isBlob,
  sourceSize,
  type ByteSource,
} from "./byte-source.js";
import { webDigest, type DigestAlgorithm, type HashFactory } from "./digest.js";
import { entityFiles, type EntityFile } from "./entity-files.js";
import { readEntity } from "./entity-polling.js";
import type { ManifestEntry } from "./manifest.js";
import type { OnProgress } from "./progress.js";
import { sendFile } from "./send-file.js";
import type { ResolvedTransferOptions } from "./transfer-options.js";
import { VcdTransferError } from "./transfer-error.js";

/** What one file's upload did. */
export interface UploadedFile {
  readonly name: string;
  readonly bytes: number;
  /** Its digest in the manifest's algorithm, where it was checked against one. */
  readonly digest?: {
    readonly algorithm: DigestAlgorithm;
    readonly hex: string;
  };
  /** Whether it was checked against a manifest's digest (and matched). */
  readonly checked: boolean;
}

/** The running totals of a transfer of several files, for its reports. */
export interface Totals {
  bytes: number;
  readonly total: number | undefined;
  readonly onProgress?: OnProgress;
}

export interface UploadFileContext {
  readonly client: VcdClient;
  /** The template or media's href. */
  readonly entity: string;
  readonly options: ResolvedTransferOptions;
  readonly hash: HashFactory | undefined;
  readonly signal: AbortSignal;
  readonly totals: Totals;
}

/** Uploads `source` as `file`; `size` is the source's when the source does not know it. */
export async function uploadFile(
  context: UploadFileContext,
  file: EntityFile,
  source: ByteSource,
  size: number | undefined,
  expected: ManifestEntry | undefined,
): Promise<UploadedFile> {
  const { client, options, signal, totals } = context;
  const fail = (problem: string) =>
    new VcdTransferError(problem, {
      file: file.name,
      offset: 0,
      entity: context.entity,
      method: "PUT",
      url: file.upload,
    });
  const bytes = sourceSize(source) ?? size ?? file.size;
  if (bytes === undefined || bytes < 0)
    throw fail("its size is not known: give a Blob or Uint8Array, or the size");
  if (file.size !== undefined && file.size >= 0 && file.size !== bytes)
    throw fail(
      `the server expects ${file.size} bytes, the source has ${bytes}`,
    );
  const algorithm = expected?.algorithm ?? "sha256";
  let hex: string | undefined;
  // Hashed only to check a manifest: hashing every byte halved the upload's throughput (bench/transfers.ts).
  const hash = expected ? context.hash?.(algorithm) : undefined;
  const mismatch = (got: string) =>
    new VcdTransferError(
      `its ${algorithm.toUpperCase()} is ${got}, the manifest says ${expected!.digest}: not sent whole`,
      {
        file: file.name,
        offset: 0,
        entity: context.entity,
        url: file.upload,
        digest: { actual: got, expected: expected!.digest },
      },
    );
  if (!hash && expected && (source instanceof Uint8Array || isBlob(source))) {
    // No incremental hash (a browser): a source held whole is hashed before anything is sent.
    hex = await webDigest(source, algorithm);
    if (hex !== undefined && hex !== expected.digest) throw mismatch(hex);
  }
  const base = totals.bytes;
  const report = (fileBytes: number, serverBytes?: number) =>
    totals.onProgress?.({
      file: file.name,
      fileBytes,
      fileSize: bytes,
      bytes: base + fileBytes,
      total: totals.total,
      ...(serverBytes === undefined ? {} : { serverBytes }),
    });
  const serverBytes = async () => {
    const held = entityFiles(
      await readEntity(client, context.entity, signal),
    ).get(file.name)?.bytesTransferred;
    if (held !== undefined) report(held, held);
    return held;
  };
  const sent = await sendFile(
    client,
    {
      name: file.name,
      href: file.upload!,
      size: bytes,
      entity: context.entity,
    },
    readerOf(source),
    {
      ...options,
      signal,
      serverBytes,
      onPiece: (n) => report(n),
      onRead: hash
        ? (piece, last) => {
            hash.update(piece);
            if (!last) return;
            hex = hash.digest();
            if (expected && hex !== expected.digest) throw mismatch(hex);
          }
        : undefined,
    },
  );
  // What the server says it holds of the file once it is sent, as its last report (where the
  // entity still lists it: the upload's last file ends the upload, and its Files with it).
  await serverBytes();
  totals.bytes = base + sent;
  return {
    name: file.name,
    bytes: sent,
    ...(hex === undefined ? {} : { digest: { algorithm, hex } }),
    checked: expected !== undefined && hex !== undefined,
  };
}
