/**
 * The guide's "Network Administration" through the generated 30.0 package, against its simulator:
 * "Create an Organization VDC Network" (the admin VDC's add link: 201 with the network and its
 * creation task), read as `/network/{id}` and `/admin/network/{id}`, listed in the VDC's
 * AvailableNetworks and the orgVdcNetwork query, changed by PUT and deleted (tasks). One refusal per
 * rule, each in vCD's `Error`; another organization's administrator and a vApp User refused; every
 * body sent valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  instantiate,
  ipScopes,
  section,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
  refusal,
  badRequest,
  withScope,
} from "./harness.js";

const ORG_VDC_NETWORK = "application/vnd.vmware.vcloud.orgVdcNetwork+xml";

let w: Workflow;
let seeded: Awaited<ReturnType<typeof tenant>>;
let adminVdc: Value;

const uuid = (value: Value): string => String(value.id).split(":").pop()!;

/** An isolated network `gateway`/24 with a static range `.10`-`.20` (or the ranges given). */
export const isolated = (
  name: string,
  gateway = "172.16.0.1",
  ranges?: Value[],
): Value => {
  const base = gateway.split(".").slice(0, 3).join(".");
  return {
    name,
    Description: `${name}, made by the test`,
    Configuration: {
      ...ipScopes(
        gateway,
        ranges ?? [{ StartAddress: `${base}.10`, EndAddress: `${base}.20` }],
      ),
      FenceMode: "isolated",
    },
    IsShared: false,
  };
};

/** Creates the network through the VDC's add link; answers it once its task is done. */
async function createNetwork(body: Value): Promise<Value> {
  const made = await w.call(
    "createVdcNetworks",
    w.link(adminVdc, "add", ORG_VDC_NETWORK),
    body,
  );
  expect(made.status).toBe(201);
  expect(made.element).toBe("vcloud:OrgVdcNetwork");
  expect(made.value.status).toBe(0);
  expect(made.location).toBe(made.value.href);
  const task = made.value.Tasks.Task[0];
  expect(task.Owner.href).toContain(`/network/${uuid(made.value)}`);
  await w.done(task);
  return (await w.call("getAdminNetwork", made.value)).value;
}

const createRefused = (body: Value) =>
  refusal(
    w.call("createVdcNetworks", w.link(adminVdc, "add", ORG_VDC_NETWORK), body),
  );

async function query(type: string): Promise<Value[]> {
  const page = await w.call(
    "getQuery",
    {},
    { query: { type, format: "records" } },
  );
  return (page.value.Record ?? []) as Value[];
}

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  seeded = await tenant(w);
  adminVdc = (await w.call("getAdminVdc", { id: uuid(seeded.vdc) })).value;
}, 60_000);

afterAll(() => w?.close());

describe("organization VDC networks", () => {
  it("creates an isolated network (201, a task), read as /admin/network and /network, in the VDC and the query", async () => {
    const network = await createNetwork(isolated("lab"));
    expect(network).toMatchObject({
      name: "lab",
      status: 1,
      Description: "lab, made by the test",
      Configuration: {
        FenceMode: "isolated",
        IpScopes: {
          IpScope: [
            {
              Gateway: "172.16.0.1",
              Netmask: "255.255.255.0",
              IpRanges: {
                IpRange: [
                  { StartAddress: "172.16.0.10", EndAddress: "172.16.0.20" },
                ],
              },
            },
          ],
        },
      },
      IsShared: false,
    });
    w.link(network, "edit", ORG_VDC_NETWORK);
    w.link(network, "remove");
    const user = await w.call("getNetwork", w.link(network, "alternate"));
    expect(user.element).toBe("vcloud:OrgVdcNetwork");
    expect(user.value.name).toBe("lab");
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    expect(
      (vdc.AvailableNetworks.Network as Value[]).map((n) => n.name),
    ).toContain("lab");
    // the VDC's own list (GET /admin/vdc/{id}/networks: the query's records of its networks)
    const listed = await w.call(
      "getVdcNetworks",
      w.link(
        adminVdc,
        "orgVdcNetworks",
        "application/vnd.vmware.vcloud.query.records+xml",
      ),
    );
    expect(listed.element).toBe("vcloud:QueryResultRecords");
    expect((listed.value.Record as Value[]).map((r) => r.name).sort()).toEqual([
      "acme-net",
      "lab",
    ]);
    const rows = await query("orgVdcNetwork");
    const row = rows.find((r) => r.name === "lab");
    expect(row).toMatchObject({
      defaultGateway: "172.16.0.1",
      netmask: "255.255.255.0",
      linkType: 2,
      vdcName: vdc.name,
    });
  });

  it("changes a network by PUT (a task): name, description and ranges; keeps gateway, netmask and fence mode", async () => {
    const network = await createNetwork(isolated("lab-2", "172.17.0.1"));
    const task = await w.call(
      "updateNetwork",
      w.link(network, "edit", ORG_VDC_NETWORK),
      {
        ...withScope(network, {
          IpRanges: {
            IpRange: [
              { StartAddress: "172.17.0.50", EndAddress: "172.17.0.60" },
            ],
          },
        }),
        name: "lab-2b",
        Description: "renamed",
      },
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    const read = (await w.call("getAdminNetwork", network)).value;
    expect(read.name).toBe("lab-2b");
    expect(read.Description).toBe("renamed");
    expect(
      read.Configuration.IpScopes.IpScope[0].IpRanges.IpRange[0],
    ).toMatchObject({ StartAddress: "172.17.0.50" });
    const changed = (gateway: string, fence = "isolated") => {
      const body = withScope(read, { Gateway: gateway });
      body.Configuration.FenceMode = fence;
      return refusal(w.call("updateNetwork", w.link(read, "edit"), body));
    };
    expect(await changed("172.17.0.2")).toEqual(
      badRequest(
        'The gateway and netmask of org VDC network "lab-2b" cannot be changed (172.17.0.1/255.255.255.0).',
      ),
    );
    expect(await changed("172.17.0.1", "bridged")).toEqual(
      badRequest(
        'The fence mode of org VDC network "lab-2b" cannot be changed (isolated to bridged).',
      ),
    );
  });

  it("keeps a network's metadata (written through /admin/network, read through /network too)", async () => {
    const network = (await query("orgVdcNetwork")).find(
      (r) => r.name === "lab",
    )!;
    const id = { id: String(network.href).split("/").pop() };
    const task = await w.call("createNetworkMetadata", id, {
      MetadataEntry: [
        {
          Key: "tier",
          TypedValue: { $type: "vcloud:MetadataStringValue", Value: "web" },
        },
      ],
    });
    expect(task.status).toBe(202);
    await w.done(task.value);
    const read = (await w.call("getNetworkMetadata", id)).value;
    expect(
      (read.MetadataEntry as Value[]).map((e) => [e.Key, e.TypedValue.Value]),
    ).toEqual([["tier", "web"]]);
    const user = w.sim.users.find((u) => u.role === "vApp User")!;
    await expect(
      w.pkg.api.createNetworkMetadata!(await clientAs(w, user), id, {
        MetadataEntry: [
          {
            Key: "x",
            TypedValue: { $type: "vcloud:MetadataStringValue", Value: "y" },
          },
        ],
      }),
    ).rejects.toMatchObject({ status: 403 });
  });

  it("deletes a network (a task): gone from the VDC, /network answers 403", async () => {
    const network = await createNetwork(isolated("lab-3", "172.18.0.1"));
    const task = await w.call("deleteNetwork", w.link(network, "remove"));
    expect(task.status).toBe(202);
    await w.done(task.value);
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    expect(
      (vdc.AvailableNetworks.Network as Value[]).map((n) => n.name),
    ).not.toContain("lab-3");
    expect(
      await refusal(w.call("getNetwork", { id: uuid(network) })),
    ).toMatchObject({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    });
  });

  it("refuses deleting a network a vApp network is bridged to", async () => {
    const vapp = await instantiate(
      w,
      seeded.vdc,
      seeded.templateHref,
      "uses-acme-net",
    );
    expect(vapp.name).toBe("uses-acme-net");
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    const acmeNet = (vdc.AvailableNetworks.Network as Value[]).find(
      (n) => n.name === "acme-net",
    )!;
    const network = (
      await w.call("getAdminNetwork", { id: acmeNet.href.split("/").pop() })
    ).value;
    expect(
      await refusal(w.call("deleteNetwork", w.link(network, "remove"))),
    ).toEqual({
      status: 400,
      minor: "BUSY_ENTITY",
      message:
        'The org VDC network "acme-net" is in use by vApp network "acme-net" of vApp "uses-acme-net" and cannot be deleted.',
    });
  });

  it("bridges a vApp network to it (its ranges inherited), gives a VM a POOL address from them; then refuses deleting it", async () => {
    const network = await createNetwork(isolated("shared-lab", "172.20.0.1"));
    const vapp = await instantiate(
      w,
      seeded.vdc,
      seeded.templateHref,
      "on-lab",
    );
    const config = (
      await w.call(
        "getVAppNetworkConfigSection",
        section(vapp, "vcloud:NetworkConfigSection"),
      )
    ).value;
    const put = await w.call(
      "updateVAppNetworkConfigSection",
      w.link(config, "edit"),
      {
        ...config,
        NetworkConfig: [
          ...config.NetworkConfig,
          {
            networkName: "shared-lab",
            Configuration: {
              ParentNetwork: { href: w.link(network, "alternate").href },
              FenceMode: "bridged",
            },
          },
        ],
      },
    );
    await w.done(put.value);
    const after = (
      await w.call(
        "getVAppNetworkConfigSection",
        section(vapp, "vcloud:NetworkConfigSection"),
      )
    ).value;
    const bridged = (after.NetworkConfig as Value[]).find(
      (n) => n.networkName === "shared-lab",
    )!;
    expect(bridged.Configuration).toMatchObject({
      FenceMode: "bridged",
      ParentNetwork: { name: "shared-lab" },
      IpScopes: {
        IpScope: [
          {
            IsInherited: true,
            Gateway: "172.20.0.1",
            IpRanges: {
              IpRange: [
                { StartAddress: "172.20.0.10", EndAddress: "172.20.0.20" },
              ],
            },
          },
        ],
      },
    });
    const vm = (
      await w.call(
        "getVApp",
        (await w.call("getVApp", vapp)).value.Children.Vm[0],
      )
    ).value;
    const nics = (
      await w.call(
        "getVAppNetworkConnectionSection",
        section(vm, "vcloud:NetworkConnectionSection"),
      )
    ).value;
    const connected = await w.call(
      "updateVAppNetworkConnectionSection",
      w.link(nics, "edit"),
      {
        ...nics,
        NetworkConnection: [
          {
            ...nics.NetworkConnection[0],
            network: "shared-lab",
            IpAddressAllocationMode: "POOL",
            IpAddress: undefined,
          },
        ],
      },
    );
    await w.done(connected.value);
    const read = (
      await w.call(
        "getVAppNetworkConnectionSection",
        section(vm, "vcloud:NetworkConnectionSection"),
      )
    ).value;
    expect(read.NetworkConnection[0]).toMatchObject({
      network: "shared-lab",
      IpAddressAllocationMode: "POOL",
      IpAddress: "172.20.0.10",
    });
    expect(
      await refusal(w.call("deleteNetwork", w.link(network, "remove"))),
    ).toEqual({
      status: 400,
      minor: "BUSY_ENTITY",
      message:
        'The org VDC network "shared-lab" is in use by vApp network "shared-lab" of vApp "on-lab" and cannot be deleted.',
    });
  });

  it("refuses a duplicate name, a bad fence mode, a missing scope, a range outside the subnet, overlapping ranges", async () => {
    expect(await createRefused(isolated("lab"))).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity lab already exists.",
    });
    const odd = isolated("odd");
    expect(
      await createRefused({
        ...odd,
        Configuration: { ...odd.Configuration, FenceMode: "routed" },
      }),
    ).toEqual(
      badRequest(
        'The fence mode "routed" of org VDC network "odd" is not one of bridged, natRouted, isolated.',
      ),
    );
    expect(
      await createRefused({
        name: "no-scope",
        Configuration: { FenceMode: "isolated" },
      }),
    ).toEqual(
      badRequest(
        'The org VDC network "no-scope" must have an IP scope (IpScopes/IpScope).',
      ),
    );
    expect(
      await createRefused(
        isolated("outside", "172.19.0.1", [
          { StartAddress: "172.19.0.10", EndAddress: "172.19.1.20" },
        ]),
      ),
    ).toEqual(
      badRequest(
        'The IP range 172.19.0.10-172.19.1.20 of org VDC network "outside" is not inside its subnet 172.19.0.0/24 (netmask 255.255.255.0).',
      ),
    );
    expect(
      await createRefused(
        isolated("overlap", "172.19.0.1", [
          { StartAddress: "172.19.0.10", EndAddress: "172.19.0.20" },
          { StartAddress: "172.19.0.15", EndAddress: "172.19.0.30" },
        ]),
      ),
    ).toEqual(
      badRequest(
        'The IP ranges 172.19.0.10-172.19.0.20 and 172.19.0.15-172.19.0.30 of org VDC network "overlap" overlap.',
      ),
    );
  });

  it("refuses a bridged network to an organization administrator (403), a natRouted one without an edge gateway, an isolated one with a parent", async () => {
    const base = isolated("direct");
    expect(
      await createRefused({
        ...base,
        Configuration: {
          ...base.Configuration,
          ParentNetwork: { href: `${w.sim.url}/admin/network/x` },
          FenceMode: "bridged",
        },
      }),
    ).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message:
        'Only a system administrator can create the directly connected (bridged) org VDC network "direct".',
    });
    expect(
      await createRefused({
        ...base,
        Configuration: { ...base.Configuration, FenceMode: "natRouted" },
      }),
    ).toEqual(
      badRequest(
        'The natRouted org VDC network "direct" must name its EdgeGateway.',
      ),
    );
    expect(
      await createRefused({
        ...base,
        Configuration: {
          ...base.Configuration,
          ParentNetwork: { href: `${w.sim.url}/admin/network/x` },
        },
      }),
    ).toEqual(
      badRequest(
        'The isolated org VDC network "direct" cannot have a ParentNetwork.',
      ),
    );
  });

  it("refuses a network without a name, an isolated one with an edge gateway, a bridged one without its parent (the system administrator's)", async () => {
    const base = isolated("");
    expect(await createRefused(base)).toEqual(
      badRequest("The org VDC network must have a name."),
    );
    expect(
      await createRefused({
        ...isolated("edged"),
        EdgeGateway: { href: `${w.sim.url}/admin/edgeGateway/x` },
      }),
    ).toEqual(
      badRequest(
        'The isolated org VDC network "edged" cannot have an EdgeGateway.',
      ),
    );
    const system = await clientAs(w, w.sim.users[0]!);
    const direct = isolated("direct");
    expect(
      await refusal(
        w.pkg.api.createVdcNetworks!(
          system,
          { id: uuid(adminVdc) },
          {
            ...direct,
            Configuration: { ...direct.Configuration, FenceMode: "bridged" },
          },
        ),
      ),
    ).toEqual(
      badRequest(
        'The bridged org VDC network "direct" must name its ParentNetwork (an external network).',
      ),
    );
  });

  it("refuses creating, reading and deleting to another organization's administrator (403) and creating to a vApp User (403)", async () => {
    const network = (await query("orgVdcNetwork")).find(
      (r) => r.name === "lab",
    )!;
    const other = w.sim.users.find(
      (u) => u.role === "Organization Administrator" && u.org === "globex",
    );
    expect(other).toBeDefined();
    const foreign = await clientAs(w, other!);
    const id = { id: String(network.href).split("/").pop() };
    for (const call of [
      () =>
        w.pkg.api.createVdcNetworks!(
          foreign,
          { id: uuid(seeded.vdc) },
          isolated("x"),
        ),
      () => w.pkg.api.getAdminNetwork!(foreign, id),
      () => w.pkg.api.getNetwork!(foreign, id),
      () => w.pkg.api.deleteNetwork!(foreign, id),
    ])
      await expect(call()).rejects.toMatchObject({
        name: "VcdApiError",
        status: 403,
      });
    const user = w.sim.users.find((u) => u.role === "vApp User")!;
    const client = await clientAs(w, user);
    await expect(
      w.pkg.api.createVdcNetworks!(
        client,
        { id: uuid(seeded.vdc) },
        isolated("y"),
      ),
    ).rejects.toMatchObject({
      name: "VcdApiError",
      status: 403,
      error: { minorErrorCode: "ACCESS_TO_RESOURCE_IS_FORBIDDEN" },
    });
    // the vApp User reads the network (/network), not its admin view
    expect((await w.pkg.api.getNetwork!(client, id)).value).toMatchObject({
      name: "lab",
    });
    await expect(w.pkg.api.getAdminNetwork!(client, id)).rejects.toMatchObject({
      status: 403,
    });
  });

  it("sent only valid bodies (the package's validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
