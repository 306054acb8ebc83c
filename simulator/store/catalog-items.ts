/**
 * vcd-codegen runtime, simulator: catalog items, vCD's rules. Adding a vApp template to a catalog
 * (`POST /catalog/{id}/catalogItems`) needs an organization administrator or a catalog or vApp
 * author of the catalog's organization; the template must be of that organization and in no other
 * catalog, and the item's name is unique in the catalog. Removing an item deletes its template (or
 * media image).
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import type { Catalog, CatalogItem, User } from "./model.js";
import type { Store } from "./store.js";

const AUTHORS: readonly string[] = ["Catalog Author", "vApp Author"];

export class CatalogItemRules {
  constructor(private readonly store: Store) {}

  /** Whether the user may add items to, and remove items from, catalogs of `orgId`. */
  mayChange(user: User, orgId: string): boolean {
    return (
      this.store.isOrgAdmin(user, orgId) ||
      (user.orgId === orgId && AUTHORS.includes(user.role))
    );
  }

  /** Adds a vApp template (or, `media`, a media image) to the catalog. */
  add(
    user: User,
    catalog: Catalog,
    template: {
      readonly id: string;
      readonly orgId: string;
      readonly name: string;
    },
    name: string,
    description: string | undefined,
    media = false,
  ): CatalogItem {
    const what = media ? "media" : "vApp template";
    if (!this.mayChange(user, catalog.orgId)) throw forbidden();
    if (name.trim() === "")
      throw badRequest("The catalog item name must not be empty.");
    if (template.orgId !== catalog.orgId)
      throw badRequest(
        `The ${what} "${template.name}" is not of the catalog's organization.`,
      );
    const holder = [...this.store.catalogItems.values()].find(
      (i) => i.templateId === template.id,
    );
    if (holder)
      throw badRequest(
        `The ${what} "${template.name}" is already in catalog "${this.store.catalogs.get(holder.catalogId)?.name ?? holder.catalogId}".`,
      );
    const lower = name.toLowerCase();
    if (
      catalog.itemIds.some(
        (id) => this.store.catalogItems.get(id)?.name.toLowerCase() === lower,
      )
    )
      throw duplicateName(name);
    const item: CatalogItem = {
      id: this.store.ids.next("catalogItem"),
      catalogId: catalog.id,
      name,
      templateId: template.id,
      ...(media ? { media: true as const } : {}),
      ...(description !== undefined ? { description } : {}),
    };
    this.store.catalogItems.set(item.id, item);
    catalog.itemIds.push(item.id);
    return item;
  }

  /** Removes the item and deletes its vApp template (with their metadata and access settings). */
  remove(user: User, item: CatalogItem): void {
    const catalog = this.store.catalogs.get(item.catalogId)!;
    if (!this.mayChange(user, catalog.orgId)) throw forbidden();
    if (this.store.tasks.active(item.templateId).length > 0)
      throw badRequest("The vApp template is busy with a task.");
    catalog.itemIds = catalog.itemIds.filter((id) => id !== item.id);
    this.store.catalogItems.delete(item.id);
    if (item.media) this.store.media.delete(item.templateId);
    else this.store.templates.delete(item.templateId);
    for (const id of [item.id, item.templateId]) {
      this.store.metadata.delete(id);
      this.store.access.delete(id);
    }
  }
}
