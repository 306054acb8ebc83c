/**
 * vcd-codegen runtime, transfer (Node only): the transfers with files on disk. `uploadOvf` and
 * `uploadMedia` take paths as well as the browser's sources (a file is streamed, never read
 * whole); `downloadTemplate` writes into a folder, `downloadMedia` to a path; hashes come from
 * `node:crypto` (an upload's manifest is checked as each file is read; a download's results carry
 * each file's SHA-256).
 */
import type { VcdClient } from "../../client/client.js";
import type { HasLinks } from "../../client/links.js";
import type { Document } from "../../xml/index.js";
import type { ByteSink } from "../byte-sink.js";
import type { ByteSource } from "../byte-source.js";
import {
  downloadMedia as downloadMediaTo,
  type DownloadMediaResult,
} from "../download-media.js";
import {
  downloadTemplate as downloadTemplateTo,
  type DownloadTemplateResult,
  type FileSinks,
} from "../download-template.js";
import type { TransferEntity } from "../entity-files.js";
import type { TransferOptions } from "../transfer-options.js";
import {
  uploadMedia as uploadMediaFrom,
  type UploadMediaOptions,
  type UploadMediaResult,
} from "../upload-media.js";
import {
  uploadOvf as uploadOvfFrom,
  type UploadOvfOptions,
  type UploadOvfResult,
} from "../upload-ovf.js";
import { fileSink, folderSinks } from "./file-sink.js";
import { fileSource } from "./file-source.js";
import { nodeHash } from "./node-hash.js";
import { streamedBody } from "./streamed-body.js";

export * from "../index.js";
export { fileSink, folderSinks } from "./file-sink.js";
export { fileSource } from "./file-source.js";
export { nodeHash } from "./node-hash.js";
export { streamedBody } from "./streamed-body.js";

/** A source, or the path of a file on disk (streamed: `fileSource`). */
export type NodeByteSource = ByteSource | { readonly path: string };

/** `uploadOvf`'s options, where `ova` and each file may be a `{ path }`. */
export interface NodeUploadOvfOptions extends Omit<
  UploadOvfOptions,
  "files" | "ova"
> {
  readonly files?: Readonly<Record<string, NodeByteSource>>;
  readonly ova?: NodeByteSource;
}

/** `uploadMedia`'s options, where the image may be a `{ path }`. */
export interface NodeUploadMediaOptions extends Omit<
  UploadMediaOptions,
  "file"
> {
  readonly file: NodeByteSource;
}

async function opened(value: NodeByteSource): Promise<ByteSource> {
  return typeof value === "object" && value !== null && "path" in value
    ? fileSource(value.path)
    : value;
}

/** `uploadOvf` with files on disk, hashing with `node:crypto`. */
export async function uploadOvf<T = Record<string, unknown>>(
  client: VcdClient,
  catalog: HasLinks | Document,
  options: NodeUploadOvfOptions,
): Promise<UploadOvfResult<T>> {
  const { files, ova, ...rest } = options;
  const sources: Record<string, ByteSource> = {};
  for (const [name, value] of Object.entries(files ?? {}))
    sources[name] = await opened(value);
  return uploadOvfFrom<T>(client, catalog, {
    hash: nodeHash,
    pieceBody: streamedBody,
    ...rest,
    ...(files ? { files: sources } : {}),
    ...(ova === undefined ? {} : { ova: await opened(ova) }),
  });
}

/** `uploadMedia` with an image on disk, hashing with `node:crypto`. */
export async function uploadMedia<T = Record<string, unknown>>(
  client: VcdClient,
  catalog: HasLinks | Document,
  options: NodeUploadMediaOptions,
): Promise<UploadMediaResult<T>> {
  return uploadMediaFrom<T>(client, catalog, {
    hash: nodeHash,
    pieceBody: streamedBody,
    ...options,
    file: await opened(options.file),
  });
}

/** Downloads a template into a folder (each file under its name), or into the sinks given. */
export async function downloadTemplate<T = Record<string, unknown>>(
  client: VcdClient,
  template: TransferEntity | Document,
  to: string | FileSinks,
  options: TransferOptions = {},
): Promise<DownloadTemplateResult<T>> {
  return downloadTemplateTo<T>(
    client,
    template,
    typeof to === "string" ? folderSinks(to) : to,
    { hash: nodeHash, ...options },
  );
}

/** Downloads a media image to a path, or into the sink given. */
export async function downloadMedia<T = Record<string, unknown>>(
  client: VcdClient,
  media: TransferEntity | Document,
  to: string | ByteSink,
  options: TransferOptions = {},
): Promise<DownloadMediaResult<T>> {
  return downloadMediaTo<T>(
    client,
    media,
    typeof to === "string" ? await fileSink(to) : to,
    { hash: nodeHash, ...options },
  );
}
