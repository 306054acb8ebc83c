/**
 * vcd-codegen runtime, transfer: the guide's "Upload a Media Image". The catalog's `add` link for
 * `Media` (`POST /catalog/{id}/action/upload`) creates the media (its `size` required: vCD
 * reserves the storage), which lists one file, `file`, with its upload link; the image is PUT
 * there in pieces; then the media's task ends. A failure before the image is in cancels the task
 * (vCD removes the media).
 */
import type { VcdClient } from "../client/client.js";
import { underTransferDeadline } from "./transfer-failure.js";
import { VcdRequestError } from "../client/errors.js";
import type { HasLinks } from "../client/links.js";
import { waitForTasks } from "../client/tasks.js";
import type { Document } from "../xml/index.js";
import { sourceSize, type ByteSource } from "./byte-source.js";
import type { TransferEntity } from "./entity-files.js";
import { valueOf, needsOperations } from "./follow-action.js";
import { startUpload } from "./start-upload.js";
import {
  resolveTransferOptions,
  type TransferOptions,
} from "./transfer-options.js";
import { uploadFile, type UploadedFile } from "./upload-file.js";

/** The media type of the catalog's `add` link for media. */
export const MEDIA_TYPE = "application/vnd.vmware.vcloud.media+xml";

/** The name vCD gives a media's one file. */
export const MEDIA_FILE = "file";

export interface UploadMediaOptions extends TransferOptions {
  readonly name: string;
  readonly description?: string;
  /** `iso` or `floppy` (or, from API 36.0, `other`). */
  readonly imageType: string;
  /** The image. */
  readonly file: ByteSource;
  /** Its size in bytes, for a stream (a `Blob` or `Uint8Array` knows its own). */
  readonly size?: number;
}

export interface UploadMediaResult<T = Record<string, unknown>> {
  /** The media as it is once its task ended. */
  readonly media: T & TransferEntity;
  readonly file: UploadedFile;
}

/** Uploads an ISO or floppy image into `catalog` (its value, or a document holding it) as a new media. */
export async function uploadMedia<T = Record<string, unknown>>(
  client: VcdClient,
  catalog: HasLinks | Document,
  options: UploadMediaOptions,
): Promise<UploadMediaResult<T>> {
  needsOperations(client, "uploadMedia");
  const resolved = resolveTransferOptions(options);
  const size = sourceSize(options.file) ?? options.size;
  if (size === undefined || !Number.isSafeInteger(size) || size < 0)
    throw new VcdRequestError(
      "uploadMedia: the image's size is not known: give a Blob or Uint8Array, or size",
    );
  return underTransferDeadline(
    "uploadMedia",
    resolved.timeout,
    options.signal,
    async (signal, undo) => {
      const upload = await startUpload(
        client,
        valueOf(catalog),
        MEDIA_TYPE,
        {
          element: "vcloud:Media",
          value: {
            name: options.name,
            imageType: options.imageType,
            size: String(size),
            ...(options.description === undefined
              ? {}
              : { Description: options.description }),
          },
        },
        MEDIA_FILE,
        "uploadMedia",
        signal,
      );
      const { href, entity, files } = upload;
      // From here a failure (a file's bytes wrong, a piece failed, an abort) cancels the
      // upload's task: vCD removes the media, and its name is free again.
      undo.cancel = upload.cancel;
      const file = await uploadFile(
        {
          client,
          entity: href,
          options: resolved,
          hash: options.hash,
          signal,
          totals: { bytes: 0, total: size, onProgress: options.onProgress },
        },
        files.get(MEDIA_FILE)!,
        options.file,
        size,
        undefined,
      );
      // The image is in: the task ends on its own (a failure waiting for it cancels nothing).
      undo.cancel = undefined;
      const media = await waitForTasks(client, entity, {
        signal,
        timeout: resolved.timeout,
      });
      return { media: media as T & TransferEntity, file };
    },
  );
}
