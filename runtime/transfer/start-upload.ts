/**
 * vcd-codegen runtime, transfer: the start both uploads share. The catalog's `add` link creates
 * the template or media (`POST /catalog/{id}/action/upload`), whose catalog item names it
 * (`Entity`); it is read until its first file is listed with an upload link. From then on a failure
 * cancels its upload task ({@link cancelUpload}, best effort), keeping the failure.
 */
import type { VcdClient } from "../client/client.js";
import { VcdRequestError } from "../client/errors.js";
import type { HasLinks } from "../client/links.js";
import type { Document } from "../xml/index.js";
import { cancelUpload } from "./cancel-upload.js";
import type { EntityFile, TransferEntity } from "./entity-files.js";
import { readEntity, waitForFiles } from "./entity-polling.js";
import { followAction } from "./follow-action.js";

export interface StartedUpload {
  /** The template's or media's href. */
  readonly href: string;
  /** It as first read, and once `first` was listed. */
  readonly started: TransferEntity;
  readonly entity: TransferEntity;
  readonly files: Map<string, EntityFile>;
  /** Cancels its upload task, best effort (never throws). */
  cancel(): Promise<void>;
}

/** Creates the template or media `body` describes in `catalog`, and waits for its file `first`. */
export async function startUpload(
  client: VcdClient,
  catalog: HasLinks,
  mediaType: string,
  body: Document,
  first: string,
  call: string,
  signal: AbortSignal,
): Promise<StartedUpload> {
  const item = await followAction(
    client,
    catalog,
    "add",
    mediaType,
    body,
    signal,
  );
  const href = (item.value as { Entity?: { href?: string } }).Entity?.href;
  if (!href)
    throw new VcdRequestError(
      `${call}: the catalog item the upload answered names no ${call === "uploadMedia" ? "media" : "template"} (Entity)`,
    );
  const cancel = () => cancelUpload(client, href).catch(() => undefined);
  try {
    const started = await readEntity(client, href, signal);
    const { entity, files } = await waitForFiles(
      client,
      href,
      [first],
      "upload",
      signal,
      started,
    );
    return { href, started, entity, files, cancel };
  } catch (error) {
    await cancel();
    throw error;
  }
}
