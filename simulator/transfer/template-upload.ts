/**
 * vcd-codegen runtime, simulator: uploading an OVF package to create a vApp template, vCD's way
 * (the guide's "Upload an OVF Package to Create a vApp Template"; go-vcloud-director's `UploadOvf`).
 * `POST /catalog/{id}/action/upload` with `UploadVAppTemplateParams` creates the template (status 0,
 * UNRESOLVED, `ovfDescriptorUploaded="false"`) and its catalog item, opens a transfer whose one file
 * is `descriptor.ovf`, and starts the template's task (`vdcUploadOvfContents`), held running while
 * the transfer is open. The descriptor, once complete, adds a file per `ovf:References/ovf:File`
 * (and `descriptor.mf` when the params say `manifestRequired="true"`); each file, once complete, is
 * checked against the manifest; when every file is complete the task succeeds and the template is
 * resolved (status 8) with a VM per `ovf:VirtualSystem`. A digest that does not match fails the task
 * with its Error; cancelling the task removes the template, its item and the bytes (govcd's
 * `removeCatalogItemOnError`: "cancel it and catalog item will be removed").
 */
import { readFile } from "node:fs/promises";
import { badRequest } from "../fault.js";
import type {
  Catalog,
  CatalogItem,
  Task,
  User,
  VAppTemplate,
} from "../store/model.js";
import { StorageRules } from "../store/storage.js";
import type { Store } from "../store/store.js";
import { CatalogUploads, type UploadKind } from "./catalog-upload.js";
import { readManifest, type ManifestEntry } from "./manifest.js";
import {
  OvfDescriptorError,
  readOvfDescriptor,
  type OvfDescriptor,
} from "./ovf-descriptor.js";
import type { Transfer, TransferFile, Transfers } from "./transfers.js";

export const DESCRIPTOR = "descriptor.ovf";
export const MANIFEST = "descriptor.mf";
/** The largest descriptor read back (vCD's own limit is not documented; an OVF is a few KB). */
const MAX_DESCRIPTOR_BYTES = 16 * 1024 * 1024;

export interface TemplateUploadParams {
  readonly name: string;
  readonly description?: string;
  readonly manifestRequired: boolean;
}

const TEMPLATE: UploadKind<VAppTemplate> = {
  kind: "vAppTemplate",
  entities: (store) => store.templates,
  media: false,
  operationName: "vdcUploadOvfContents",
  operation: (template) =>
    `Importing Virtual Application Template ${template.name}(${template.id})`,
};

export class TemplateUploads {
  private readonly uploads: CatalogUploads<VAppTemplate>;

  constructor(
    private readonly store: Store,
    private readonly transfers: Transfers,
  ) {
    this.uploads = new CatalogUploads(store, transfers, TEMPLATE);
  }

  start(
    user: User,
    catalog: Catalog,
    vdcId: string,
    params: TemplateUploadParams,
  ): { template: VAppTemplate; item: CatalogItem; task: Task } {
    const store = this.store;
    const template: VAppTemplate = {
      ...this.uploads.fields(user, catalog, vdcId, params),
      vms: [],
      ovfDescriptorUploaded: false,
    };
    let descriptor: OvfDescriptor | undefined;
    let manifest: Map<string, ManifestEntry> | undefined;
    const { item, task } = this.uploads.start(user, catalog, template, {
      file: { name: DESCRIPTOR, size: -1 },
      progress: percentDone,
      completed: async (t, file, release) => {
        if (file.name === DESCRIPTOR && !descriptor) {
          const read = await this.readDescriptor(t, file);
          template.fileBytes = this.requireRoom(t, file, template, read);
          descriptor = read;
          template.ovfDescriptorUploaded = true;
          for (const ref of descriptor.files)
            if (!t.files.has(ref.href))
              this.transfers.addFile(t, ref.href, ref.size);
          if (params.manifestRequired) this.transfers.addFile(t, MANIFEST, -1);
        } else if (file.name === MANIFEST && params.manifestRequired) {
          manifest = await this.readManifestFile(t, file);
        }
        store.touch();
        const mismatch = manifest && firstMismatch(t, manifest);
        if (mismatch) {
          release(mismatch);
          return;
        }
        if (descriptor && [...t.files.values()].every((f) => f.digests))
          release();
      },
      apply: () => {
        template.status = undefined;
        template.vms = (descriptor?.systems ?? []).map((system) =>
          store.newVm(
            {
              name: system.name,
              cpus: 1,
              memoryMb: 1024,
              osType: "otherGuest",
              osId: 1,
              diskMb: 1024,
            },
            template.id,
            undefined,
          ),
        );
      },
    });
    return { template, item, task };
  }

  /** A template removed with its catalog item and its transfers' bytes (its upload's task cancelled, or it is deleted). */
  remove(template: VAppTemplate): void {
    this.uploads.remove(template);
  }

  private async readDescriptor(
    transfer: Transfer,
    file: TransferFile,
  ): Promise<OvfDescriptor> {
    if (file.size > MAX_DESCRIPTOR_BYTES)
      return this.refuse(
        transfer,
        file,
        `The OVF descriptor is ${file.size} bytes; the simulator reads at most ${MAX_DESCRIPTOR_BYTES}.`,
      );
    const bytes = await readFile(this.transfers.path(transfer, file));
    try {
      return readOvfDescriptor(
        new TextDecoder("utf-8", { fatal: true }).decode(bytes),
      );
    } catch (error) {
      if (error instanceof OvfDescriptorError || error instanceof TypeError)
        return this.refuse(transfer, file, error.message);
      throw error;
    }
  }

  /**
   * The bytes the descriptor declares for its files, refused (the descriptor's PUT, as an unreadable
   * one is) when they do not fit the VDC's storage: counted at the declaration, before any byte of
   * them comes, as a media's declared size is.
   */
  private requireRoom(
    transfer: Transfer,
    file: TransferFile,
    template: VAppTemplate,
    descriptor: OvfDescriptor,
  ): number {
    const bytes = descriptor.files.reduce((n, f) => n + Math.max(0, f.size), 0);
    const vdc = this.store.vdcs.get(template.vdcId);
    try {
      if (vdc) new StorageRules(this.store).requireRoom(vdc, [{ bytes }]);
    } catch (error) {
      // the descriptor starts over empty, so that one that fits can be sent
      this.transfers.restart(transfer, file);
      throw error;
    }
    return bytes;
  }

  private async readManifestFile(
    transfer: Transfer,
    file: TransferFile,
  ): Promise<Map<string, ManifestEntry>> {
    const text = await readFile(this.transfers.path(transfer, file), "utf8");
    try {
      return readManifest(text);
    } catch (error) {
      return this.refuse(transfer, file, (error as Error).message);
    }
  }

  /**
   * A descriptor or manifest that cannot be read: its PUT is refused (400) and the file starts
   * over empty, so that a good one can be sent; the task keeps running.
   */
  private refuse(
    transfer: Transfer,
    file: TransferFile,
    message: string,
  ): never {
    this.transfers.restart(transfer, file);
    throw badRequest(message);
  }
}

/** How far the transfer is, in percent of the bytes it knows of. */
function percentDone(transfer: Transfer): number {
  let total = 0;
  let done = 0;
  for (const f of transfer.files.values()) {
    if (f.size < 0) continue;
    total += f.size;
    done += f.bytesTransferred;
  }
  return total === 0 ? 0 : (done * 100) / total;
}

/**
 * The first complete file whose digest is not the manifest's (the descriptor is matched with the
 * manifest's `.ovf` entry: the package names it by its own file name). vCD's wording for this is not
 * in the guide nor in the documents at hand; the message names the file and both digests.
 */
function firstMismatch(
  transfer: Transfer,
  manifest: ReadonlyMap<string, ManifestEntry>,
): string | undefined {
  const ovfEntry = [...manifest.keys()].find((name) => name.endsWith(".ovf"));
  for (const file of transfer.files.values()) {
    if (!file.digests || file.name === MANIFEST) continue;
    const key = file.name === DESCRIPTOR ? ovfEntry : file.name;
    const entry = key === undefined ? undefined : manifest.get(key);
    if (!entry) continue;
    const actual = file.digests[entry.algorithm];
    if (actual !== entry.digest)
      return `The checksum of file "${key}" does not match the OVF manifest: the manifest has ${entry.algorithm.toUpperCase()} ${entry.digest}, the file uploaded has ${actual}.`;
  }
  return undefined;
}
