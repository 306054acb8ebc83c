/**
 * The bench's count of operations backed by state (bench/simulator-coverage.ts): an operation with a
 * handler of its own counts, one left to the fallback does not, per tag; and over the 30.0 package's
 * table, the catalog, vApp network and system settings operations are among those counted.
 */
import { describe, expect, it } from "vitest";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { coverageOf } from "../../bench/simulator-coverage.js";
import { loadClientPackage } from "../helpers/generated-packages.js";

const op = (method: string, path: string, tag: string) =>
  ({ method, path, tag }) as unknown as OperationInfo;

describe("operations backed by state", () => {
  it("counts an operation with a handler, not one left to the fallback, per tag", () => {
    expect(
      coverageOf([
        op("POST", "/admin/org/{id}/catalogs", "admin"),
        op(
          "POST",
          "/admin/catalog/{id}/action/publishToExternalOrganizations",
          "admin",
        ),
        op("PUT", "/vApp/{id}/networkConfigSection/", "user"),
        // No handler will ever claim it (it is in no table).
        op("GET", "/admin/extension/no/such/operation", "extension"),
      ]),
    ).toEqual([
      { tag: "admin", stateful: 1, total: 2 },
      { tag: "extension", stateful: 0, total: 1 },
      { tag: "user", stateful: 1, total: 1 },
    ]);
  });

  it("over the 30.0 table: every catalog, vApp network and settings operation of this work is counted", async () => {
    const { operations } = await loadClientPackage("30.0");
    const wanted = [
      "POST /admin/org/{id}/catalogs",
      "POST /admin/catalog/{id}/action/publish",
      "DELETE /admin/catalog/{id}",
      "POST /catalog/{id}/action/copy",
      "POST /catalog/{id}/action/move",
      "POST /vApp/{id}/media/action/insertMedia",
      "POST /vApp/{id}/media/action/ejectMedia",
      "GET /vApp/{id}/networkConfigSection",
      "PUT /vApp/{id}/networkConfigSection",
      "PUT /admin/extension/settings/general",
      "PUT /admin/extension/settings/email",
      "PUT /admin/extension/settings/ldapSettings",
      "PUT /admin/extension/settings/license",
      // the provider API (test/simulator/workflows/provider.test.ts)
      "GET /admin/extension/vimServerReferences",
      "GET /admin/extension/vimServer/{id}/resourcePoolList",
      "POST /admin/extension/action/registervimserver",
      "POST /admin/extension/providervdcsparams",
      "DELETE /admin/extension/providervdc/{id}",
      "POST /admin/extension/externalnets",
      "PUT /admin/extension/externalnet/{id}",
      "DELETE /admin/extension/externalnet/{id}",
      "POST /admin/extension/vimServer/{id}/importVmAsVApp",
      // the provider API's changes (test/simulator/workflows/provider-changes.test.ts)
      "PUT /admin/extension/vimServer/{id}",
      "POST /admin/extension/vimServer/{id}/action/refresh",
      "POST /admin/extension/vimServer/{id}/action/forcevimserverreconnect",
      "POST /admin/extension/vimServer/{id}/action/unregister",
      "GET /admin/extension/vimServer/{id}/hostReferences",
      "GET /admin/extension/host/{id}",
      "PUT /admin/extension/providervdc/{id}",
      "POST /admin/extension/providervdc/{id}/action/updateResourcePools",
      "GET /admin/extension/providervdc/{id}/resourcePools",
      "POST /admin/extension/providervdc/{id}/storageProfiles",
      "POST /admin/extension/providervdc/{id}/action/merge",
      "POST /admin/extension/vimServer/{id}/importVm",
      "POST /admin/extension/vimServer/{id}/importVmAsVAppTemplate",
      "POST /admin/extension/vimServer/{id}/importMedia",
      // network pools and the provider's packaged queries (workflows/network-pools.test.ts)
      "GET /admin/extension/networkPoolReferences",
      "POST /admin/extension/networkPools",
      "GET /admin/extension/networkPool/{id}",
      "PUT /admin/extension/networkPool/{id}",
      "DELETE /admin/extension/networkPool/{id}",
      "GET /admin/extension/networkPoolReferences/query",
      "GET /admin/extension/vimServerReferences/query",
      "GET /admin/extension/datastores/query",
    ];
    const ours = operations.filter((o) =>
      wanted.includes(`${o.method} ${o.path.replace(/\/+$/, "")}`),
    );
    expect(ours).toHaveLength(wanted.length);
    const total = coverageOf(ours).reduce((n, r) => n + r.stateful, 0);
    expect(total).toBe(wanted.length);
  });
});
