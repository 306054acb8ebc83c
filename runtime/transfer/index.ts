/**
 * vcd-codegen runtime, transfer: moving the bytes of templates and media (the guide's uploads and
 * downloads of OVF packages and media images) with a package's client: ranged pieces with resume,
 * progress, a signal and time-outs, an OVA read as a stream, a manifest checked. Browser-safe:
 * sources are `Blob`, `ReadableStream`, `AsyncIterable` or `Uint8Array`, sinks `WritableStream`s
 * or functions; the Node entry (`transfer/node`) adds files on disk and `node:crypto` hashing.
 */
export {
  uploadOvf,
  DESCRIPTOR_FILE,
  MANIFEST_FILE,
  UPLOAD_VAPP_TEMPLATE_PARAMS,
  type UploadOvfOptions,
  type UploadOvfResult,
} from "./upload-ovf.js";
export {
  uploadMedia,
  MEDIA_FILE,
  MEDIA_TYPE,
  type UploadMediaOptions,
  type UploadMediaResult,
} from "./upload-media.js";
export {
  downloadTemplate,
  type DownloadedFile,
  type DownloadTemplateResult,
  type FileSinks,
} from "./download-template.js";
export { downloadMedia, type DownloadMediaResult } from "./download-media.js";
export type { UploadedFile } from "./upload-file.js";
export type {
  ByteSource,
  PositionalSource,
  SizedStream,
} from "./byte-source.js";
export type { ByteSink } from "./byte-sink.js";
export type { TransferProgress, OnProgress } from "./progress.js";
export {
  DEFAULT_TRANSFER_TIMEOUT,
  type TransferOptions,
} from "./transfer-options.js";
export {
  DEFAULT_PIECE_SIZE,
  DEFAULT_PIECE_TIMEOUT,
  DEFAULT_RETRIES,
} from "./send-file.js";
export {
  VcdTransferError,
  type TransferErrorContext,
} from "./transfer-error.js";
export { readManifest, type ManifestEntry } from "./manifest.js";
export { ovfFiles, type OvfFile } from "./ovf-files.js";
export { UstarReader, type TarEntry } from "./ustar-reader.js";
export type {
  DigestAlgorithm,
  HashFactory,
  IncrementalHash,
} from "./digest.js";
export type { TransferEntity, FileLike } from "./entity-files.js";
