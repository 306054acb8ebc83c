/**
 * The catalog imports' rules at the store (provider/import-catalog.ts), for what the 30.0 package
 * cannot send (its `ImportVmAsVAppTemplateParams` requires a `Vdc`; 36.0's does not): without a VDC,
 * the template goes to a VDC of the catalog's organization backed by the vCenter; with neither VDC
 * nor catalog, or no such VDC, a 400; a tenant administrator is refused (403).
 */
import { describe, expect, it } from "vitest";
import { providerStore } from "../helpers/provider-store.js";
import { CatalogImports } from "../../../simulator/provider/import-catalog.js";

const setup = () => {
  const seeded = providerStore();
  const catalog = [...seeded.store.catalogs.values()].find(
    (c) => c.name === "acme-catalog",
  )!;
  return { ...seeded, catalog };
};

describe("importVmAsVAppTemplate at the store", () => {
  it("places the template in the catalog organization's VDC on the vCenter when no VDC is named", () => {
    const { store, admin, server, catalog } = setup();
    const { template } = new CatalogImports(store).vmAsTemplate(
      admin,
      server,
      "vm-31",
      { catalog },
      [],
    );
    expect(store.vdcs.get(template.vdcId)?.name).toBe("acme-vdc");
    expect(
      catalog.itemIds.map((id) => store.catalogItems.get(id)?.templateId),
    ).toContain(template.id);
    expect(server.vms.map((v) => v.moref)).toEqual(["vm-32"]);
  });

  it("refuses neither VDC nor catalog, a catalog organization with no VDC on the vCenter, and a tenant", () => {
    const { store, admin, tenant, server, catalog } = setup();
    const imports = new CatalogImports(store);
    expect(() => imports.vmAsTemplate(admin, server, "vm-31", {}, [])).toThrow(
      "The import needs a VDC (Vdc) or a catalog (Catalog): the request has neither.",
    );
    for (const vdc of store.vdcs.values())
      if (vdc.orgId === catalog.orgId) delete vdc.providerVdcId;
    expect(() =>
      imports.vmAsTemplate(admin, server, "vm-31", { catalog }, []),
    ).toThrow(
      "The organization of the catalog acme-catalog has no VDC backed by the vCenter server vc1.",
    );
    const vdc = [...store.vdcs.values()].find((v) => v.name === "globex-vdc")!;
    expect(() =>
      imports.vmAsTemplate(tenant, server, "vm-31", { vdc }, []),
    ).toThrow(expect.objectContaining({ status: 403 }));
    expect(server.vms.map((v) => v.moref)).toEqual(["vm-31", "vm-32"]);
  });
});
