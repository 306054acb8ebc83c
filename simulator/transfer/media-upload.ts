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
import {
  Status,
  type Catalog,
  type CatalogItem,
  type Media,
  type Task,
  type User,
} from "../store/model.js";
import { StorageRules } from "../store/storage.js";
import type { Store } from "../store/store.js";
import { CatalogUploads, type UploadKind } from "./catalog-upload.js";
import type { Transfers } from "./transfers.js";

export const MEDIA_FILE = "file";

export interface MediaUploadParams {
  readonly name: string;
  readonly description?: string;
  readonly imageType: string;
  readonly size: number;
}

const MEDIA: UploadKind<Media> = {
  kind: "media",
  entities: (store) => store.media,
  media: true,
  operationName: "vdcUploadMedia",
  operation: (media) => `Importing Media ${media.name}(${media.id})`,
};

export class MediaUploads {
  private readonly uploads: CatalogUploads<Media>;

  constructor(
    private readonly store: Store,
    transfers: Transfers,
  ) {
    this.uploads = new CatalogUploads(store, transfers, MEDIA);
  }

  start(
    user: User,
    catalog: Catalog,
    vdcId: string,
    params: MediaUploadParams,
  ): { media: Media; item: CatalogItem; task: Task } {
    if (!Number.isSafeInteger(params.size) || params.size < 0)
      throw badRequest(`The media size ${params.size} is not a size in bytes.`);
    // counted at the size declared, before any byte comes (what the media's File lists)
    const vdc = this.store.vdcs.get(vdcId);
    if (vdc)
      new StorageRules(this.store).requireRoom(vdc, [{ bytes: params.size }]);
    const media: Media = {
      ...this.uploads.fields(user, catalog, vdcId, params),
      imageType: params.imageType,
      size: params.size,
    };
    const { item, task } = this.uploads.start(user, catalog, media, {
      file: { name: MEDIA_FILE, size: params.size },
      progress: (t) => {
        const file = t.files.get(MEDIA_FILE)!;
        return file.size > 0
          ? (file.bytesTransferred * 100) / file.size
          : undefined;
      },
      completed: async (_t, _file, release) => release(),
      apply: () => {
        media.status = Status.RESOLVED;
      },
    });
    if (params.size === 0) this.store.tasks.release(task);
    return { media, item, task };
  }

  /** A media image removed with its catalog item and its transfers' bytes. */
  remove(media: Media): void {
    this.uploads.remove(media);
  }
}
