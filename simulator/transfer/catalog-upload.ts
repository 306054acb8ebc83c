/**
 * vcd-codegen runtime, simulator: what an upload into a catalog starts, the same for a vApp template
 * (template-upload.ts) and a media image (media-upload.ts): the entity (UNRESOLVED, owned by the
 * uploader, in the catalog's organization) and its catalog item, a transfer whose first file is
 * listed, and the entity's task, held running until the upload releases it. The task's success
 * applies the upload and closes the transfer; its failure leaves the entity FAILED_CREATION and
 * removes the bytes; cancelling it removes the entity, its item and the bytes (govcd's
 * `removeCatalogItemOnError` / `removeImageOnError`).
 */
import { CatalogItemRules } from "../store/catalog-items.js";
import {
  Status,
  type Catalog,
  type CatalogItem,
  type Task,
  type User,
} from "../store/model.js";
import type { Store } from "../store/store.js";
import type {
  Transfer,
  TransferEntityKind,
  TransferFile,
  Transfers,
} from "./transfers.js";

/** What every uploaded entity has. */
export interface UploadedEntity {
  readonly id: string;
  readonly orgId: string;
  readonly vdcId: string;
  name: string;
  description?: string;
  status?: number;
  readonly ownerId: string;
  readonly created: string;
  transferId?: string;
  downloadId?: string;
}

/** The kind of entity an upload makes, and its task. */
export interface UploadKind<E extends UploadedEntity> {
  readonly kind: TransferEntityKind;
  /** The store's collection of the kind. */
  entities(store: Store): Map<string, E>;
  /** A media image (its catalog item is a media item). */
  readonly media: boolean;
  readonly operationName: string;
  operation(entity: E): string;
}

/** What the upload does with its bytes. */
export interface UploadSteps {
  /** The file the transfer lists first, and its size (-1 unknown). */
  readonly file: { readonly name: string; readonly size: number };
  /** How far the upload is, in percent (undefined: no progress to tell). */
  progress(transfer: Transfer): number | undefined;
  /** A file is complete; `release` ends the task (with a failure's message, it fails). */
  completed(
    transfer: Transfer,
    file: TransferFile,
    release: (failure?: string) => void,
  ): Promise<void>;
  /** The task succeeded: what the upload makes of its bytes. */
  apply(): void;
}

export class CatalogUploads<E extends UploadedEntity> {
  constructor(
    private readonly store: Store,
    private readonly transfers: Transfers,
    private readonly kind: UploadKind<E>,
  ) {}

  /** The fields every uploaded entity starts with: a new id, the catalog's organization, UNRESOLVED. */
  fields(
    user: User,
    catalog: Catalog,
    vdcId: string,
    params: { readonly name: string; readonly description?: string },
  ): UploadedEntity & { status: number } {
    return {
      id: this.store.ids.next(this.kind.kind),
      orgId: catalog.orgId,
      vdcId,
      name: params.name,
      ...(params.description !== undefined
        ? { description: params.description }
        : {}),
      status: Status.UNRESOLVED,
      ownerId: user.id,
      created: new Date(this.store.now()).toISOString(),
    };
  }

  /** Adds the entity to the catalog and the store, opens its transfer and starts its task. */
  start(
    user: User,
    catalog: Catalog,
    entity: E,
    steps: UploadSteps,
  ): { item: CatalogItem; task: Task; transfer: Transfer } {
    const store = this.store;
    const item = new CatalogItemRules(store).add(
      user,
      catalog,
      entity,
      entity.name,
      entity.description,
      this.kind.media,
    );
    this.kind.entities(store).set(entity.id, entity);
    // Set once the task starts (the hooks refer to it): read only when bytes come.
    let task: Task | undefined; // eslint-disable-line prefer-const
    const transfer = this.transfers.openUpload(
      entity.orgId,
      { kind: this.kind.kind, id: entity.id },
      {
        moved: (t) => {
          const percent = steps.progress(t);
          if (task && percent !== undefined)
            store.tasks.progress(task, percent);
          store.touch();
        },
        completed: (t, file) =>
          steps.completed(t, file, (failure) => {
            if (task) store.tasks.release(task, failure);
          }),
      },
    );
    this.transfers.addFile(transfer, steps.file.name, steps.file.size);
    entity.transferId = transfer.uuid;
    task = store.tasks.start({
      operationName: this.kind.operationName,
      operation: this.kind.operation(entity),
      owner: { kind: this.kind.kind, id: entity.id, name: entity.name },
      orgId: entity.orgId,
      userId: user.id,
      held: true,
      apply: () => {
        steps.apply();
        transfer.state = "done";
      },
      fail: () => {
        entity.status = Status.FAILED_CREATION;
        this.transfers.remove(transfer);
      },
      cancelled: () => this.remove(entity),
    });
    return { item, task, transfer };
  }

  /** An entity removed with its catalog item and its transfers' bytes. */
  remove(entity: E): void {
    for (const id of [entity.transferId, entity.downloadId]) {
      const transfer = id === undefined ? undefined : this.transfers.get(id);
      if (transfer) this.transfers.remove(transfer);
    }
    const store = this.store;
    for (const item of [...store.catalogItems.values()])
      if (
        item.templateId === entity.id &&
        Boolean(item.media) === this.kind.media
      ) {
        const catalog = store.catalogs.get(item.catalogId);
        if (catalog)
          catalog.itemIds = catalog.itemIds.filter((id) => id !== item.id);
        store.catalogItems.delete(item.id);
        store.forget([item.id]);
      }
    this.kind.entities(store).delete(entity.id);
    store.forget([entity.id]);
    store.touch();
  }
}
