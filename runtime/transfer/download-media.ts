/**
 * vcd-codegen runtime, transfer: the guide's "Download a Media Image": the media's `enable` link
 * (`POST /media/{id}/action/enableDownload`) and its task, then its one file's `download:default`
 * link, streamed into the sink.
 */
import type { VcdClient } from "../client/client.js";
import { underTransferDeadline } from "./transfer-failure.js";
import { VcdRequestError, VcdResponseError } from "../client/errors.js";
import type { Document } from "../xml/index.js";
import type { ByteSink } from "./byte-sink.js";
import { entityFiles, type TransferEntity } from "./entity-files.js";
import { valueOf, needsOperations } from "./follow-action.js";
import {
  downloadInto,
  enabledForDownload,
  type DownloadedFile,
} from "./download-template.js";
import {
  resolveTransferOptions,
  type TransferOptions,
} from "./transfer-options.js";
import { findLink } from "../client/links.js";

export interface DownloadMediaResult<T = Record<string, unknown>> {
  readonly media: T & TransferEntity;
  readonly file: DownloadedFile;
}

/** Downloads a media image (its value or a document holding it) into `sink`. */
export async function downloadMedia<T = Record<string, unknown>>(
  client: VcdClient,
  media: TransferEntity | Document,
  sink: ByteSink,
  options: TransferOptions = {},
): Promise<DownloadMediaResult<T>> {
  needsOperations(client, "downloadMedia");
  const resolved = resolveTransferOptions(options);
  return underTransferDeadline(
    "downloadMedia",
    resolved.timeout,
    options.signal,
    async (signal) => {
      const href = valueOf<TransferEntity>(media).href;
      if (!href)
        throw new VcdRequestError("downloadMedia: the media has no href");
      const entity = await enabledForDownload(client, href, signal, resolved);
      const [file] = entityFiles(entity).values();
      const link = file?.download ?? findLink(entity, "download:default")?.href;
      if (!file || !link)
        throw new VcdResponseError(
          "the media has no file with a download:default link once its download is enabled",
          { method: "GET", url: href, status: 200, body: "" },
        );
      const done = await downloadInto(
        client,
        file.name,
        link,
        sink,
        resolved,
        options,
        signal,
        { bytes: 0, total: file.size, onProgress: options.onProgress },
        true,
      );
      return { media: entity as T & TransferEntity, file: done };
    },
  );
}
