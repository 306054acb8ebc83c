/**
 * vcd-codegen runtime, simulator: uploading a media image, vCD's way (the guide's "Upload a Media
 * Image"; go-vcloud-director's `UploadMediaImage`). `POST /catalog/{id}/action/upload` with a
 * `Media` body (name, imageType, size) creates the media UNRESOLVED (status 0, as the jclouds sample
 * media/addMedia.xml shows it) and its catalog item, opens a transfer whose one file is `file` of
 * the declared size (the sample's `<File size bytesTransferred name="file">` and its
 * `upload:default` link), and starts the media's task (`vdcUploadMedia`), held running until the
 * last byte; then the media is RESOLVED (status 1: `ResourceEntityType`'s "1 - resolved").
 * Cancelling the task removes the media, its item and the bytes (govcd's `removeImageOnError`).
 */
import { badRequest } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import {
  Status,
  type Catalog,
  type CatalogItem,
  type Media,
  type Task,
  type User,
} from "../store/model.js";
import type { Store } from "../store/store.js";
import type { Transfer, Transfers } from "./transfers.js";

export const MEDIA_FILE = "file";

export interface MediaUploadParams {
  readonly name: string;
  readonly description?: string;
  readonly imageType: string;
  readonly size: number;
}

export class MediaUploads {
  constructor(
    private readonly store: Store,
    private readonly transfers: Transfers,
  ) {}

  start(
    user: User,
    catalog: Catalog,
    vdcId: string,
    params: MediaUploadParams,
  ): { media: Media; item: CatalogItem; task: Task } {
    const store = this.store;
    if (!Number.isSafeInteger(params.size) || params.size < 0)
      throw badRequest(`The media size ${params.size} is not a size in bytes.`);
    const media: Media = {
      id: store.ids.next("media"),
      orgId: catalog.orgId,
      vdcId,
      name: params.name,
      ...(params.description !== undefined
        ? { description: params.description }
        : {}),
      imageType: params.imageType,
      size: params.size,
      status: Status.UNRESOLVED,
      ownerId: user.id,
      created: new Date(store.now()).toISOString(),
    };
    const item = new CatalogItemRules(store).add(
      user,
      catalog,
      media,
      params.name,
      params.description,
      true,
    );
    store.media.set(media.id, media);
    // Set once the task starts (the hooks refer to it): read only when bytes come.
    let task: Task | undefined; // eslint-disable-line prefer-const
    const transfer: Transfer = this.transfers.openUpload(
      media.orgId,
      { kind: "media", id: media.id },
      {
        moved: (t) => {
          const file = t.files.get(MEDIA_FILE)!;
          if (task && file.size > 0)
            store.tasks.progress(
              task,
              (file.bytesTransferred * 100) / file.size,
            );
          store.touch();
        },
        completed: async () => {
          if (task) store.tasks.release(task);
        },
      },
    );
    this.transfers.addFile(transfer, MEDIA_FILE, params.size);
    media.transferId = transfer.uuid;
    task = store.tasks.start({
      operationName: "vdcUploadMedia",
      operation: `Importing Media ${media.name}(${media.id})`,
      owner: { kind: "media", id: media.id, name: media.name },
      orgId: media.orgId,
      userId: user.id,
      held: true,
      apply: () => {
        media.status = Status.RESOLVED;
        transfer.state = "done";
      },
      fail: () => {
        media.status = Status.FAILED_CREATION;
        this.transfers.remove(transfer);
      },
      cancelled: () => this.remove(media),
    });
    if (params.size === 0) store.tasks.release(task);
    return { media, item, task };
  }

  /** A media image removed with its catalog item and its transfers' bytes. */
  remove(media: Media): void {
    for (const id of [media.transferId, media.downloadId]) {
      const transfer = id === undefined ? undefined : this.transfers.get(id);
      if (transfer) this.transfers.remove(transfer);
    }
    const store = this.store;
    for (const item of [...store.catalogItems.values()])
      if (item.media && item.templateId === media.id) {
        const catalog = store.catalogs.get(item.catalogId);
        if (catalog)
          catalog.itemIds = catalog.itemIds.filter((id) => id !== item.id);
        store.catalogItems.delete(item.id);
        store.forget([item.id]);
      }
    store.media.delete(media.id);
    store.forget([media.id]);
    store.touch();
  }
}
