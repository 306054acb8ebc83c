/**
 * vcd-codegen runtime, simulator: catalogs, vCD's rules. A catalog is created in an organization
 * (`POST /admin/org/{id}/catalogs`) by its administrator or a Catalog Author (vCD's right "Catalog:
 * Create / Delete a Catalog", which the predefined Catalog Author holds), its name unique in the
 * organization; published (`action/publish`) by an administrator only when the organization's
 * general settings allow it (`CanPublishCatalogs`, OrgGeneralSettingsType in the 36.0 XSD: "If
 * true, this organization is allowed to publish catalogs"); deleted only when empty, unless
 * `recursive=true` (the query parameter vCD 9.5+ takes on `DELETE /admin/catalog/{id}`, which
 * removes its items with it). An item is copied or moved into a catalog of the same organization
 * (`CopyOrMoveCatalogItemParams`: vCloud API Programming Guide, "Copy or Move a Catalog Item"): a copy
 * duplicates its vApp template or media image, a move relinks the item.
 *
 * The refusals' wording is the simulator's: no vCD sample or guide page found words them (the
 * duplicate name is vCD's `DUPLICATE_NAME` as catalog-items.ts has it).
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import { CatalogItemRules } from "./catalog-items.js";
import type {
  Catalog,
  CatalogItem,
  Media,
  Org,
  User,
  VAppTemplate,
} from "./model.js";
import type { Store } from "./store.js";

export class CatalogRules {
  constructor(private readonly store: Store) {}

  /** Whether the user may create and delete catalogs of `orgId`. */
  mayCreate(user: User, orgId: string): boolean {
    return (
      this.store.isOrgAdmin(user, orgId) ||
      (user.orgId === orgId && user.role === "Catalog Author")
    );
  }

  create(
    user: User,
    org: Org,
    name: string,
    description: string | undefined,
  ): Catalog {
    if (!this.mayCreate(user, org.id)) throw forbidden();
    if (name.trim() === "")
      throw badRequest("The catalog name must not be empty.");
    const lower = name.toLowerCase();
    for (const c of this.store.catalogs.values())
      if (c.orgId === org.id && c.name.toLowerCase() === lower)
        throw duplicateName(name);
    const catalog: Catalog = {
      id: this.store.ids.next("catalog"),
      orgId: org.id,
      name,
      itemIds: [],
      ownerId: user.id,
      created: new Date(this.store.now()).toISOString(),
      ...(description !== undefined ? { description } : {}),
    };
    this.store.catalogs.set(catalog.id, catalog);
    return catalog;
  }

  publish(user: User, catalog: Catalog, published: boolean): void {
    if (!this.store.isOrgAdmin(user, catalog.orgId)) throw forbidden();
    const org = this.store.orgs.get(catalog.orgId);
    if (published && org?.general?.CanPublishCatalogs === false)
      throw badRequest(
        `The organization "${org.name}" is not allowed to publish catalogs.`,
      );
    catalog.published = published;
  }

  /** Checks that the catalog may be deleted (empty, or `recursive`). */
  checkRemove(user: User, catalog: Catalog, recursive: boolean): void {
    if (!this.mayCreate(user, catalog.orgId)) throw forbidden();
    if (catalog.itemIds.length > 0 && !recursive)
      throw badRequest(
        `The catalog "${catalog.name}" cannot be deleted because it is not empty.`,
      );
    for (const id of catalog.itemIds) {
      const item = this.store.catalogItems.get(id);
      if (item) this.store.tasks.requireIdle(item.templateId, item.name);
    }
  }

  /** Deletes the catalog with its items (their templates and media). */
  remove(user: User, catalog: Catalog): void {
    const items = new CatalogItemRules(this.store);
    for (const id of [...catalog.itemIds]) {
      const item = this.store.catalogItems.get(id);
      if (item) items.remove(user, item);
    }
    this.store.catalogs.delete(catalog.id);
    this.store.forget([catalog.id]);
  }

  /** Checks a copy or move of `item` into `target` named `name`, before its task runs. */
  checkCopyOrMove(
    user: User,
    target: Catalog,
    item: CatalogItem,
    name: string,
    move: boolean,
  ): void {
    const items = new CatalogItemRules(this.store);
    if (!items.mayChange(user, target.orgId)) throw forbidden();
    const source = this.store.catalogs.get(item.catalogId)!;
    if (source.orgId !== target.orgId)
      throw badRequest(
        `The catalog item "${item.name}" is not of the catalog's organization.`,
      );
    if (move && source.id === target.id)
      throw badRequest(
        `The catalog item "${item.name}" is already in catalog "${target.name}".`,
      );
    if (name.trim() === "")
      throw badRequest("The catalog item name must not be empty.");
    const lower = name.toLowerCase();
    if (
      target.itemIds.some(
        (id) =>
          id !== item.id &&
          this.store.catalogItems.get(id)?.name.toLowerCase() === lower,
      )
    )
      throw duplicateName(name);
    this.store.tasks.requireIdle(item.templateId, item.name);
  }

  /** Moves the item (and its template or media) into `target`, renamed. */
  move(item: CatalogItem, target: Catalog, name: string): void {
    const source = this.store.catalogs.get(item.catalogId);
    if (source) source.itemIds = source.itemIds.filter((id) => id !== item.id);
    item.catalogId = target.id;
    item.name = name;
    target.itemIds.push(item.id);
  }

  /** A copy of the item's template or media image, in a new item of `target`. */
  copy(
    user: User,
    item: CatalogItem,
    target: Catalog,
    name: string,
    description: string | undefined,
  ): CatalogItem {
    const entity = item.media
      ? this.copyMedia(user, this.store.media.get(item.templateId)!, name)
      : this.copyTemplate(
          user,
          this.store.templates.get(item.templateId)!,
          name,
        );
    return new CatalogItemRules(this.store).add(
      user,
      target,
      entity,
      name,
      description ?? item.description,
      item.media === true,
    );
  }

  private copyTemplate(
    user: User,
    t: VAppTemplate,
    name: string,
  ): VAppTemplate {
    const id = this.store.ids.next("vAppTemplate");
    const copy: VAppTemplate = {
      ...structuredClone(t),
      id,
      name,
      ownerId: user.id,
      created: new Date(this.store.now()).toISOString(),
      vms: t.vms.map((vm) => ({
        ...structuredClone(vm),
        id: this.store.ids.next("vm"),
        parentId: id,
      })),
    };
    delete copy.transferId;
    delete copy.downloadId;
    this.store.templates.set(id, copy);
    return copy;
  }

  private copyMedia(user: User, m: Media, name: string): Media {
    const copy: Media = {
      ...m,
      id: this.store.ids.next("media"),
      name,
      ownerId: user.id,
      created: new Date(this.store.now()).toISOString(),
    };
    delete copy.transferId;
    delete copy.downloadId;
    this.store.media.set(copy.id, copy);
    return copy;
  }
}
