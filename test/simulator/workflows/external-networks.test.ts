/**
 * External networks wired into the guide's "Network Administration" (vCloud API Programming Guide
 * 5.5: "Create an External Network", "Create an Organization VDC Network With a Direct Connection",
 * "Create an Edge Gateway") through the generated 30.0 package, as the system administrator: a
 * bridged org VDC network names an external network as its ParentNetwork and inherits its IP scope;
 * an edge gateway's uplinks take their addresses and sub-allocated ranges from its static IP pool,
 * apart from each other's; NAT rules on an uplink use its addresses; a PUT of the external network
 * keeps its ranges but not below what gateways hold; it cannot be deleted while in use. One refusal
 * per rule, each in vCD's `Error`; every body sent valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  adminEvents,
  badRequest,
  externalNetwork,
  externalNetworkBody,
  ipScopes,
  refusal,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
  withScope,
} from "./harness.js";

const EDGE = "application/vnd.vmware.admin.edgeGateway+xml";
const ORG_VDC_NETWORK = "application/vnd.vmware.vcloud.orgVdcNetwork+xml";
const EXTERNAL = "application/vnd.vmware.admin.vmwexternalnet+xml";
const NETMASK = "255.255.255.0";
const POOL = [
  { StartAddress: "198.51.100.10", EndAddress: "198.51.100.19" },
  { StartAddress: "198.51.100.30", EndAddress: "198.51.100.39" },
];
const POOL_TEXT =
  'the static IP pool of external network "ext-web" (198.51.100.10-198.51.100.19, 198.51.100.30-198.51.100.39)';

let w: Workflow;
let seeded: Awaited<ReturnType<typeof tenant>>;
let adminVdc: Value;
let ext: Value;
let edgeA: Value;
let edgeB: Value;
const made: Value[] = [];

const uuid = (value: Value): string => String(value.id).split(":").pop()!;

const scope = (ranges?: Value[], gateway = "198.51.100.1"): Value =>
  ipScopes(gateway, ranges);

/** A bridged network to `parent` (its scope the request's, if any). */
const bridged = (name: string, parent: string, own?: Value): Value => ({
  name,
  Configuration: {
    ...(own ?? {}),
    ParentNetwork: { href: parent },
    FenceMode: "bridged",
  },
  IsShared: false,
});

/** A gateway with one uplink "up" to the external network (`participation`: its subnet participation). */
const gatewayBody = (
  name: string,
  participation?: Value,
  network: string = ext.href,
): Value => ({
  name,
  Configuration: {
    GatewayBackingConfig: "compact",
    GatewayInterfaces: {
      GatewayInterface: [
        {
          Name: "up",
          DisplayName: "up",
          Network: { href: network },
          InterfaceType: "uplink",
          ...(participation ? { SubnetParticipation: [participation] } : {}),
          UseForDefaultRoute: true,
        },
      ],
    },
    HaEnabled: false,
    UseDefaultRouteForDnsRelay: false,
  },
});

const participation = (over: Value): Value => ({
  Gateway: "198.51.100.1",
  Netmask: NETMASK,
  ...over,
});

async function create(stub: string, type: string, body: Value) {
  const answer = await w.call(stub, w.link(adminVdc, "add", type), body);
  expect(answer.status).toBe(201);
  await w.done(answer.value.Tasks.Task[0]);
  return answer.value;
}

const createNetwork = async (body: Value) => {
  const network = (
    await w.call(
      "getAdminNetwork",
      await create("createVdcNetworks", ORG_VDC_NETWORK, body),
    )
  ).value;
  made.push(network);
  return network;
};

const createGateway = async (body: Value) =>
  (
    await w.call(
      "getEdgeGateway",
      await create("createEdgeGateways", EDGE, body),
    )
  ).value;

const refused = (stub: string, type: string, body: Value) =>
  refusal(w.call(stub, w.link(adminVdc, "add", type), body));

const uplinkOf = (edge: Value): Value =>
  (edge.Configuration.GatewayInterfaces.GatewayInterface as Value[]).find(
    (i) => i.InterfaceType === "uplink",
  )!;

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("System Administrator");
  seeded = await tenant(w);
  adminVdc = (await w.call("getAdminVdc", { id: uuid(seeded.vdc) })).value;
  ext = await externalNetwork(w, "ext-web", "dvportgroup-21", "198.51.100.1", [
    ["198.51.100.10", "198.51.100.19"],
    ["198.51.100.30", "198.51.100.39"],
  ]);
}, 60_000);

afterAll(() => w?.close());

describe("external networks in org VDC networks and edge gateways", () => {
  it("connects a bridged org VDC network to it: without IP scopes it inherits the external network's; with its own, inside its subnet", async () => {
    const direct = await createNetwork(bridged("direct-web", ext.href));
    expect(direct.Configuration).toMatchObject({
      FenceMode: "bridged",
      ParentNetwork: { href: ext.href, name: "ext-web" },
      IpScopes: {
        IpScope: [
          {
            IsInherited: true,
            Gateway: "198.51.100.1",
            Netmask: NETMASK,
            IpRanges: { IpRange: POOL },
          },
        ],
      },
    });
    // the guide's example names the external network by its /admin/network href
    const own = await createNetwork(
      bridged(
        "direct-web-2",
        `${w.sim.url}/admin/network/${uuid(ext)}`,
        scope([{ StartAddress: "198.51.100.10", EndAddress: "198.51.100.12" }]),
      ),
    );
    expect(own.Configuration.IpScopes.IpScope[0]).toMatchObject({
      IsInherited: false,
      IpRanges: {
        IpRange: [
          { StartAddress: "198.51.100.10", EndAddress: "198.51.100.12" },
        ],
      },
    });
  });

  it("refuses a bridged network whose parent names no entity (vCD's 403), is an org VDC network, or whose subnet or ranges are not the external network's", async () => {
    const unknown = "00000000-0000-4000-8000-000000000001";
    expect(
      await refused(
        "createVdcNetworks",
        ORG_VDC_NETWORK,
        bridged("bad", `${w.sim.url}/admin/extension/externalnet/${unknown}`),
      ),
    ).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: `No access to entity "com.vmware.vcloud.entity.network:${unknown}".`,
    });
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    const acme = (vdc.AvailableNetworks.Network as Value[]).find(
      (n) => n.name === "acme-net",
    )!;
    const cases: [Value, string][] = [
      [
        bridged("bad", acme.href),
        'The ParentNetwork of bridged org VDC network "bad" is org VDC network "acme-net", not an external network.',
      ],
      [
        bridged("bad", ext.href, scope(undefined, "10.9.0.1")),
        'The subnet 10.9.0.0/24 of bridged org VDC network "bad" is not a subnet of its external network "ext-web" (198.51.100.0/24).',
      ],
      [
        bridged("bad", ext.href, scope(undefined, "198.51.100.254")),
        'The gateway 198.51.100.254 of bridged org VDC network "bad" is not the gateway 198.51.100.1 of its external network "ext-web" on 198.51.100.0/24.',
      ],
      [
        bridged(
          "bad",
          ext.href,
          scope([
            { StartAddress: "198.51.100.10", EndAddress: "198.51.101.5" },
          ]),
        ),
        'The IP range 198.51.100.10-198.51.101.5 of org VDC network "bad" is not inside its subnet 198.51.100.0/24 (netmask 255.255.255.0).',
      ],
    ];
    for (const [body, message] of cases)
      expect(await refused("createVdcNetworks", ORG_VDC_NETWORK, body)).toEqual(
        badRequest(message),
      );
  });

  it("gives an uplink without an address the pool's first free one, and its subnet when it names none; keeps its sub-allocated ranges", async () => {
    edgeA = await createGateway(
      gatewayBody(
        "edge-a",
        participation({
          IpRanges: {
            IpRange: [
              { StartAddress: "198.51.100.30", EndAddress: "198.51.100.34" },
            ],
          },
        }),
      ),
    );
    expect(uplinkOf(edgeA)).toMatchObject({
      Network: { href: ext.href, name: "ext-web" },
      SubnetParticipation: [
        {
          Gateway: "198.51.100.1",
          IpAddress: "198.51.100.10",
          IpRanges: {
            IpRange: [
              { StartAddress: "198.51.100.30", EndAddress: "198.51.100.34" },
            ],
          },
        },
      ],
    });
    edgeB = await createGateway(gatewayBody("edge-b"));
    expect(uplinkOf(edgeB).SubnetParticipation).toEqual([
      { Gateway: "198.51.100.1", Netmask: NETMASK, IpAddress: "198.51.100.11" },
    ]);
  });

  it("refuses an uplink naming no entity (vCD's 403), another subnet, an address or a range outside the pool or held by another gateway", async () => {
    const unknown = "00000000-0000-4000-8000-000000000002";
    const body = gatewayBody("bad");
    body.Configuration.GatewayInterfaces.GatewayInterface[0].Network = {
      href: `${w.sim.url}/admin/extension/externalnet/${unknown}`,
    };
    expect(await refused("createEdgeGateways", EDGE, body)).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: `No access to entity "com.vmware.vcloud.entity.network:${unknown}".`,
    });
    const uplink = 'uplink "up" of edge gateway "bad"';
    const cases: [Value, string][] = [
      [
        { Gateway: "10.9.0.1", Netmask: NETMASK, IpAddress: "10.9.0.5" },
        `The subnet 10.9.0.0/24 of ${uplink} is not a subnet of external network "ext-web" (198.51.100.0/24).`,
      ],
      [
        participation({
          Gateway: "198.51.100.254",
          IpAddress: "198.51.100.12",
        }),
        `The gateway 198.51.100.254 of ${uplink} is not the gateway 198.51.100.1 of external network "ext-web" on 198.51.100.0/24.`,
      ],
      [
        participation({ IpAddress: "198.51.100.25" }),
        `The IpAddress 198.51.100.25 of ${uplink} is not inside ${POOL_TEXT}.`,
      ],
      [
        participation({ IpAddress: "198.51.100.10" }),
        `The IpAddress 198.51.100.10 of ${uplink} is taken on external network "ext-web" by edge gateway "edge-a".`,
      ],
      [
        participation({
          IpAddress: "198.51.100.12",
          IpRanges: {
            IpRange: [
              { StartAddress: "198.51.100.15", EndAddress: "198.51.100.31" },
            ],
          },
        }),
        `The IP range 198.51.100.15-198.51.100.31 sub-allocated to ${uplink} is not inside ${POOL_TEXT}.`,
      ],
      [
        participation({
          IpAddress: "198.51.100.12",
          IpRanges: {
            IpRange: [
              { StartAddress: "198.51.100.33", EndAddress: "198.51.100.36" },
            ],
          },
        }),
        `The IP range 198.51.100.33-198.51.100.36 of ${uplink} is taken on external network "ext-web" by edge gateway "edge-a".`,
      ],
    ];
    for (const [p, message] of cases)
      expect(
        await refused("createEdgeGateways", EDGE, gatewayBody("bad", p)),
      ).toEqual(badRequest(message));
  });

  it("takes NAT rules on the uplink that use its addresses; refuses another address in vCD's words", async () => {
    const nat = (rules: Value[]) =>
      w.call(
        "configureServices",
        { id: uuid(edgeA) },
        {
          NetworkService: [
            { $element: "vcloud:NatService", IsEnabled: true, NatRule: rules },
          ],
        },
      );
    const rule = (type: string, original: string, translated: string) => ({
      RuleType: type,
      IsEnabled: true,
      GatewayNatRule: {
        Interface: { href: ext.href },
        OriginalIp: original,
        TranslatedIp: translated,
      },
    });
    const done = await nat([
      rule("DNAT", "198.51.100.31", "192.168.7.10"),
      rule("SNAT", "192.168.7.0/24", "198.51.100.10"),
    ]);
    expect(done.status).toBe(202);
    await w.done(done.value);
    expect(
      await refusal(nat([rule("DNAT", "198.51.100.11", "192.168.7.10")])),
    ).toEqual(
      badRequest(
        `IP 198.51.100.11 does not belong to any interface's IP range on gateway ${uuid(edgeA)}.`,
      ),
    );
    expect(
      await refusal(nat([rule("SNAT", "192.168.7.0/24", "198.51.100.35")])),
    ).toEqual(
      badRequest(
        `IP 198.51.100.35 does not belong to any interface's IP range on gateway ${uuid(edgeA)}.`,
      ),
    );
  });

  it("keeps a PUT of its ranges that holds what the gateways hold (the inheriting network sees them); refuses one that drops an address in use", async () => {
    const read = (await w.call("getExternalnet", ext)).value;
    const withRanges = (ranges: Value[]) =>
      withScope(read, { IpRanges: { IpRange: ranges } });
    const edit = w.link(read, "edit", EXTERNAL);
    const drops: [Value[], string][] = [
      [
        [
          { StartAddress: "198.51.100.11", EndAddress: "198.51.100.19" },
          { StartAddress: "198.51.100.30", EndAddress: "198.51.100.39" },
        ],
        "198.51.100.10",
      ],
      [
        [
          { StartAddress: "198.51.100.10", EndAddress: "198.51.100.19" },
          { StartAddress: "198.51.100.32", EndAddress: "198.51.100.39" },
        ],
        "198.51.100.30-198.51.100.34",
      ],
    ];
    for (const [ranges, held] of drops)
      expect(
        await refusal(w.call("updateExternalnet", edit, withRanges(ranges))),
      ).toEqual(
        badRequest(
          `The IP ranges of external network "ext-web" must keep ${held}: edge gateway "edge-a" holds it.`,
        ),
      );
    const smaller = [
      { StartAddress: "198.51.100.10", EndAddress: "198.51.100.15" },
      { StartAddress: "198.51.100.30", EndAddress: "198.51.100.39" },
    ];
    const put = await w.call("updateExternalnet", edit, withRanges(smaller));
    expect(put.status).toBe(200);
    await w.done(put.value.Tasks.Task[0]);
    const after = (await w.call("getExternalnet", ext)).value;
    expect(after.Configuration.IpScopes.IpScope[0].IpRanges.IpRange).toEqual(
      smaller,
    );
    const direct = (await w.call("getAdminNetwork", made[0]!)).value;
    expect(direct.Configuration.IpScopes.IpScope[0]).toMatchObject({
      IsInherited: true,
      IpRanges: { IpRange: smaller },
    });
    // its creation and its change are events of the network
    const events = await adminEvents(w, "ext-web");
    expect(events.map((e) => e.eventType)).toEqual([
      "com/vmware/vcloud/event/network/create",
      "com/vmware/vcloud/event/network/modify",
    ]);
  });

  it("refuses deleting it while org VDC networks or gateways use it; deletes it once none does", async () => {
    const read = (await w.call("getExternalnet", ext)).value;
    expect(
      await refusal(w.call("deleteExternalnet", w.link(read, "remove"))),
    ).toEqual({
      status: 400,
      minor: "BUSY_ENTITY",
      message:
        'The external network "ext-web" is in use by org VDC network "direct-web", org VDC network "direct-web-2", edge gateway "edge-a", edge gateway "edge-b" and cannot be deleted.',
    });
    for (const network of made)
      await w.done(
        (await w.call("deleteNetwork", w.link(network, "remove"))).value,
      );
    for (const edge of [edgeA, edgeB])
      await w.done(
        (await w.call("deleteEdgeGateway", w.link(edge, "remove"))).value,
      );
    const gone = await w.call("deleteExternalnet", w.link(read, "remove"));
    expect(gone.status).toBe(202);
    await w.done(gone.value);
    const refs = (
      await w.call("getExternalNetworkReferences", {
        href: `${w.sim.url}/admin/extension/externalNetworkReferences`,
      })
    ).value;
    expect(refs.ExternalNetworkReference).toBeUndefined();
  });

  it("sent only valid bodies (the package's validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});

describe("an external network while its creation task runs", () => {
  let slow: Workflow;
  let vdc: Value;

  beforeAll(async () => {
    // tasks move on by polls only (a step every minute otherwise)
    slow = await startWorkflow({ taskStepMs: 60_000 });
    await slow.loginAs("System Administrator");
    vdc = (
      await slow.call("getAdminVdc", { id: uuid((await tenant(slow)).vdc) })
    ).value;
  }, 60_000);
  afterAll(() => slow?.close());

  const add = async (name: string, portGroup: string) =>
    slow.call(
      "createExternalnets",
      { href: `${slow.sim.url}/admin/extension/externalnets` },
      await externalNetworkBody(slow, name, portGroup, "192.0.2.1", [
        ["192.0.2.10", "192.0.2.19"],
      ]),
    );

  it("refuses a bridged network or an uplink to it (vCD's BUSY_ENTITY) until the task ends", async () => {
    const made = await add("ext-slow", "dvportgroup-22");
    expect(made.status).toBe(201);
    const busy = {
      status: 400,
      minor: "BUSY_ENTITY",
      message: "The entity ext-slow is busy completing an operation.",
    };
    const direct = bridged("direct-slow", made.value.href);
    expect(
      await refusal(
        slow.call(
          "createVdcNetworks",
          slow.link(vdc, "add", ORG_VDC_NETWORK),
          direct,
        ),
      ),
    ).toEqual(busy);
    expect(
      await refusal(
        slow.call(
          "createEdgeGateways",
          slow.link(vdc, "add", EDGE),
          gatewayBody("edge-slow", undefined, made.value.href),
        ),
      ),
    ).toEqual(busy);
    await slow.done(made.value.Tasks.Task[0]);
    const created = await slow.call(
      "createVdcNetworks",
      slow.link(vdc, "add", ORG_VDC_NETWORK),
      direct,
    );
    expect(created.status).toBe(201);
    await slow.done(created.value.Tasks.Task[0]);
  });

  it("leaves no external network when its creation task fails", async () => {
    slow.sim.failNextTask(
      "networkCreateExternalNetwork",
      "The port group is gone.",
    );
    const made = await add("ext-failing", "network-23");
    const wait = slow.index.waitForTask as (
      c: unknown,
      t: unknown,
      o: object,
    ) => Promise<Value>;
    await expect(
      wait(slow.client, made.value.Tasks.Task[0], {
        interval: 2,
        timeout: 5_000,
      }),
    ).rejects.toMatchObject({
      name: "VcdTaskError",
      taskStatus: "error",
      error: { message: "The port group is gone." },
    });
    const refs = (
      await slow.call("getExternalNetworkReferences", {
        href: `${slow.sim.url}/admin/extension/externalNetworkReferences`,
      })
    ).value.ExternalNetworkReference as Value[];
    expect(refs.map((r) => r.name)).toEqual(["ext-slow"]);
  });

  it("sent only valid bodies (the package's validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), slow.sim.sentBodies!);
  });
});
