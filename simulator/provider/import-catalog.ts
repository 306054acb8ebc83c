/**
 * vcd-codegen runtime, simulator: importing from a vCenter into a catalog. `importVmAsVAppTemplate`
 * (ImportVmAsVAppTemplateParams): a VM of the vCenter's list becomes a vApp template of one VM, in
 * the `Vdc` given or, without one, a VDC of the catalog's organization backed by that vCenter
 * ("either VDC or catalog must be provided", vmwextensions.xsd), listed in the `Catalog` if one is
 * named; the VM leaves the list of VMs to import, as `importVmAsVApp` takes it (import-vm.ts, whose
 * checks it shares). `importMedia` (ImportMediaParams): a file of one of the vCenter's datastores
 * (`DatastoreMoRef`, `SourcePath`) becomes a media image of the `Vdc`, listed in the `Catalog` if
 * named; the file stays (the simulator keeps no datastore change). Each answers the new entity,
 * its task in progress; a name taken in the catalog is vCD's `DUPLICATE_NAME`; the other refusals
 * (no such VM or file, a VDC of another vCenter, neither VDC nor catalog) are the simulator's
 * words, 400 (vCD's are not published).
 */
import { badRequest, forbidden } from "../fault.js";
import { CatalogItemRules } from "../store/catalog-items.js";
import { newTemplate } from "../store/compose.js";
import {
  Status,
  type Catalog,
  type Media,
  type Task,
  type User,
  type VAppTemplate,
  type Vdc,
} from "../store/model.js";
import type { Store } from "../store/store.js";
import { checkImport, checkImportInto } from "./import-vm.js";
import type { VimServer } from "./model.js";

export interface CatalogImportParams {
  /** The new entity's name (default: the VM's, the file's). */
  readonly name?: string;
  readonly description?: string;
  readonly vdc?: Vdc;
  readonly catalog?: Catalog;
}

/** The VDC an import goes to: the one given, else the catalog organization's first on `server`. */
function targetVdc(
  store: Store,
  server: VimServer,
  p: CatalogImportParams,
): Vdc {
  if (p.vdc) return p.vdc;
  if (!p.catalog)
    throw badRequest(
      "The import needs a VDC (Vdc) or a catalog (Catalog): the request has neither.",
    );
  const orgId = p.catalog.orgId;
  const vdc = [...store.vdcs.values()].find(
    (v) =>
      v.orgId === orgId &&
      v.providerVdcId !== undefined &&
      store.provider.providerVdcs.get(v.providerVdcId)?.vimServerId ===
        server.id,
  );
  if (!vdc)
    throw badRequest(
      `The organization of the catalog ${p.catalog.name} has no VDC backed by the vCenter server ${server.name}.`,
    );
  return vdc;
}

export class CatalogImports {
  constructor(private readonly store: Store) {}

  private listed(
    user: User,
    catalog: Catalog | undefined,
    entity: {
      readonly id: string;
      readonly orgId: string;
      readonly name: string;
    },
    description: string | undefined,
    media: boolean,
  ): void {
    if (catalog)
      new CatalogItemRules(this.store).add(
        user,
        catalog,
        entity,
        entity.name,
        description,
        media,
      );
  }

  vmAsTemplate(
    user: User,
    server: VimServer,
    moref: string,
    p: CatalogImportParams & { readonly vmName?: string },
    aliases: readonly string[],
  ): { template: VAppTemplate; task: Task } {
    const vdc = targetVdc(this.store, server, p);
    const at = checkImport(this.store, user, server, vdc, moref);
    if (p.catalog && p.catalog.orgId !== vdc.orgId)
      throw badRequest(
        `The catalog ${p.catalog.name} is not of the organization of the VDC ${vdc.name}.`,
      );
    const source = server.vms[at];
    const name = (p.name ?? source.name).trim();
    if (name === "")
      throw badRequest("The vApp template name must not be empty.");
    const template = newTemplate(this.store, user, vdc, name, p.description);
    template.vms = [
      {
        ...this.store.newVm(
          { ...source, name: p.vmName ?? source.name },
          template.id,
          undefined,
        ),
        status: Status.POWERED_OFF,
      },
    ];
    this.listed(user, p.catalog, template, p.description, false);
    this.store.templates.set(template.id, template);
    server.vms.splice(at, 1);
    const task = this.store.tasks.start({
      operationName: "vdcImportVmAsVAppTemplate",
      aliases,
      operation: `Importing Virtual Application Template ${name}(${template.id})`,
      owner: { kind: "vAppTemplate", id: template.id, name },
      orgId: vdc.orgId,
      userId: user.id,
      apply: () => undefined,
    });
    return { template, task };
  }

  media(
    user: User,
    server: VimServer,
    file: { readonly datastore: string; readonly path: string },
    p: CatalogImportParams,
    aliases: readonly string[],
  ): { media: Media; task: Task } {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const vdc = targetVdc(this.store, server, p);
    checkImportInto(this.store, user, server, vdc);
    if (!server.datastores.some((d) => d.moref === file.datastore))
      throw badRequest(
        `The vCenter server ${server.name} has no datastore ${file.datastore}.`,
      );
    const found = server.files.find(
      (f) => f.datastore === file.datastore && f.path === file.path,
    );
    if (!found)
      throw badRequest(
        `The datastore ${file.datastore} of ${server.name} has no file ${file.path}.`,
      );
    if (p.catalog && p.catalog.orgId !== vdc.orgId)
      throw badRequest(
        `The catalog ${p.catalog.name} is not of the organization of the VDC ${vdc.name}.`,
      );
    const base = found.path.split("/").pop() ?? found.path;
    const name = (p.name ?? base).trim();
    if (name === "") throw badRequest("The media name must not be empty.");
    const media: Media = {
      id: this.store.ids.next("media"),
      orgId: vdc.orgId,
      vdcId: vdc.id,
      name,
      imageType: /\.iso$/i.test(base)
        ? "iso"
        : /\.(flp|img)$/i.test(base)
          ? "floppy"
          : "other",
      size: found.sizeBytes,
      status: Status.UNRESOLVED,
      ownerId: user.id,
      created: new Date(this.store.now()).toISOString(),
      ...(p.description !== undefined ? { description: p.description } : {}),
    };
    this.listed(user, p.catalog, media, p.description, true);
    this.store.media.set(media.id, media);
    const task = this.store.tasks.start({
      operationName: "vdcImportMedia",
      aliases,
      operation: `Importing Media ${name}(${media.id})`,
      owner: { kind: "media", id: media.id, name },
      orgId: vdc.orgId,
      userId: user.id,
      apply: () => (media.status = Status.RESOLVED),
      fail: () => (media.status = Status.FAILED_CREATION),
    });
    return { media, task };
  }
}
