/** The naming rule of the stubs (generator/model/operation-naming.ts), rule by rule. */
import { describe, expect, it } from "vitest";
import { operationNames } from "../../generator/model/operation-naming.js";

function names(
  ids: string[],
  overrides: Record<string, string> = {},
): Record<string, string> {
  const ops = ids.map((id) => {
    const [method, path] = id.split(" ");
    return { id, method, path };
  });
  return Object.fromEntries(
    operationNames(ops, new Map(Object.entries(overrides))),
  );
}

describe("stub names", () => {
  it.each([
    ["GET /vApp/{id}", "getVApp"],
    [
      "PUT /vApp/{id}/guestCustomizationSection",
      "updateGuestCustomizationSection",
    ],
    ["POST /vdc/{id}/media", "createMedia"],
    ["DELETE /vApp/{id}", "deleteVApp"],
    ["POST /vApp/{id}/power/action/powerOn", "powerOn"],
    [
      "POST /vdc/{id}/action/instantiateVAppTemplate",
      "instantiateVAppTemplate",
    ],
    ["GET /vApp/{id}/metadata/{key}", "getMetadataByKey"],
    ["GET /vApp/{id}/metadata/{domain}/{key}", "getMetadataByDomainAndKey"],
    ["GET /v1.5/schema/{schemaFileName}", "getSchemaBySchemaFileName"],
  ])("%s -> %s (alone)", (id, name) => {
    expect(names([id])).toEqual({ [id]: name });
  });

  it("qualifies colliding names by the segment before the resource, until they differ", () => {
    expect(
      names([
        "GET /vApp/{id}/metadata",
        "GET /catalog/{id}/metadata",
        "GET /admin/catalog/{id}/metadata",
        "GET /org/{id}",
        "GET /admin/org/{id}",
        "POST /vApp/{id}/action/enableDownload",
        "POST /vAppTemplate/{id}/action/enableDownload",
      ]),
    ).toEqual({
      "GET /vApp/{id}/metadata": "getVAppMetadata",
      "GET /catalog/{id}/metadata": "getCatalogMetadata",
      "GET /admin/catalog/{id}/metadata": "getAdminCatalogMetadata",
      "GET /org/{id}": "getOrg",
      "GET /admin/org/{id}": "getAdminOrg",
      "POST /vApp/{id}/action/enableDownload": "enableDownloadVApp",
      "POST /vAppTemplate/{id}/action/enableDownload":
        "enableDownloadVAppTemplate",
    });
  });

  it("names by every path parameter where qualifiers run out, then numbers", () => {
    expect(names(["GET /org", "GET /org/{id}"])).toEqual({
      "GET /org": "getOrg",
      "GET /org/{id}": "getOrgById",
    });
    expect(names(["POST /x/action/delete", "GET /x_y", "GET /x.y"])).toEqual({
      "POST /x/action/delete": "deleteX",
      "GET /x.y": "getXY",
      "GET /x_y": "getXY_2",
    });
  });

  it("lets the config's names win, and no derived name takes them", () => {
    expect(
      names(["GET /vApp/{id}", "GET /vm/{id}"], { "GET /vm/{id}": "getVApp" }),
    ).toEqual({ "GET /vApp/{id}": "getVApp_2", "GET /vm/{id}": "getVApp" });
  });

  it("is the same whatever the order of the operations", () => {
    const ids = [
      "GET /vApp/{id}/metadata",
      "GET /catalog/{id}/metadata",
      "GET /org",
      "GET /org/{id}",
    ];
    expect(names([...ids].reverse())).toEqual(names(ids));
  });
});
