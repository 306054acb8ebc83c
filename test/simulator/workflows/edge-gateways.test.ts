/**
 * The guide's edge gateway procedures ("Network Administration": "Create an Edge Gateway", "Create an
 * Organization VDC Network With a Routed Connection", "Configure Edge Gateway Services") through the
 * generated 30.0 package, against its simulator: the system administrator creates a gateway with an
 * uplink (201, a task), the organization's administrator routes an org VDC network through it and
 * configures its services (NAT, firewall, static routes, DHCP, load balancer; a task), the gateway
 * is changed (PUT) and deleted once no network is routed through it; the edgeGateway query lists
 * it. One refusal per rule, each in vCD's `Error`; another organization's administrator and a vApp
 * User refused; every body sent valid (the package's validate and libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../../runtime/client/client.js";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  adminEvents,
  clientAs,
  externalNetwork,
  ipScopes,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
  refusal,
  badRequest,
} from "./harness.js";

const EDGE = "application/vnd.vmware.admin.edgeGateway+xml";
const ORG_VDC_NETWORK = "application/vnd.vmware.vcloud.orgVdcNetwork+xml";
const SERVICES =
  "application/vnd.vmware.admin.edgeGatewayServiceConfiguration+xml";

let w: Workflow;
/** The tenant's administrator (the workflow's own client is the system administrator's). */
let orgAdmin: VcdClient;
let seeded: Awaited<ReturnType<typeof tenant>>;
let adminVdc: Value;
let edge: Value;
let routed: Value;
let extHref: string;

const uuid = (value: Value): string => String(value.id).split(":").pop()!;

const as = (client: VcdClient, name: string, ...args: unknown[]) =>
  w.pkg.api[name]!(client, ...args) as Promise<{
    status: number;
    element: string | null;
    value: Value;
    location?: string;
  }>;

/** A gateway with one uplink 203.0.113.2 on 203.0.113.0/24. */
const gatewayBody = (name: string, extra: Value = {}): Value => ({
  name,
  Description: `${name}, made by the test`,
  Configuration: {
    GatewayBackingConfig: "compact",
    GatewayInterfaces: {
      GatewayInterface: [
        {
          Name: "uplink-1",
          DisplayName: "uplink-1",
          Network: { href: extHref, name: "ext-net" },
          InterfaceType: "uplink",
          SubnetParticipation: [
            {
              Gateway: "203.0.113.1",
              Netmask: "255.255.255.0",
              IpAddress: "203.0.113.2",
            },
          ],
          UseForDefaultRoute: true,
        },
      ],
    },
    HaEnabled: false,
    UseDefaultRouteForDnsRelay: false,
    ...extra,
  },
});

/** A natRouted network `gateway`/24 through the gateway, static range .10-.20. */
const routedBody = (name: string, gateway: string, through: Value): Value => {
  const base = gateway.split(".").slice(0, 3).join(".");
  return {
    name,
    Configuration: {
      ...ipScopes(gateway, [
        { StartAddress: `${base}.10`, EndAddress: `${base}.20` },
      ]),
      FenceMode: "natRouted",
    },
    EdgeGateway: { href: through.href },
    IsShared: false,
  };
};

async function createGateway(name: string): Promise<Value> {
  const made = await w.call(
    "createEdgeGateways",
    w.link(adminVdc, "add", EDGE),
    gatewayBody(name),
  );
  expect(made.status).toBe(201);
  expect(made.element).toBe("vcloud:EdgeGateway");
  expect(made.value.status).toBe(0);
  expect(made.location).toBe(made.value.href);
  await w.done(made.value.Tasks.Task[0]);
  return (await w.call("getEdgeGateway", made.value)).value;
}

async function createRouted(name: string, gateway: string, through: Value) {
  const made = await as(
    orgAdmin,
    "createVdcNetworks",
    w.link(adminVdc, "add", ORG_VDC_NETWORK),
    routedBody(name, gateway, through),
  );
  expect(made.status).toBe(201);
  await w.done(made.value.Tasks.Task[0]);
  return (await as(orgAdmin, "getAdminNetwork", made.value)).value;
}

/** The services: NAT on the uplink, a firewall, a static route, DHCP on the routed network, a load balancer. */
const services = (): Value[] => [
  {
    $element: "vcloud:NatService",
    IsEnabled: true,
    NatRule: [
      {
        RuleType: "SNAT",
        IsEnabled: true,
        Id: 65537,
        GatewayNatRule: {
          Interface: { href: extHref },
          OriginalIp: "192.168.50.0/24",
          TranslatedIp: "203.0.113.2",
        },
      },
      {
        RuleType: "DNAT",
        IsEnabled: true,
        Id: 65538,
        GatewayNatRule: {
          Interface: { href: extHref },
          OriginalIp: "203.0.113.2",
          OriginalPort: "443",
          TranslatedIp: "192.168.50.10",
          TranslatedPort: "443",
          Protocol: "tcp",
        },
      },
    ],
  },
  {
    $element: "vcloud:FirewallService",
    IsEnabled: true,
    DefaultAction: "drop",
    LogDefaultAction: false,
    FirewallRule: [
      {
        IsEnabled: true,
        Description: "https in",
        Policy: "allow",
        Protocols: { Tcp: true },
        DestinationPortRange: "443",
        DestinationIp: "203.0.113.2",
        SourcePortRange: "Any",
        SourceIp: "external",
      },
    ],
  },
  {
    $element: "vcloud:StaticRoutingService",
    IsEnabled: true,
    StaticRoute: [
      {
        Name: "to-lab",
        Network: "10.20.0.0/16",
        NextHopIp: "203.0.113.254",
        GatewayInterface: { href: extHref },
      },
    ],
  },
  {
    $element: "vcloud:GatewayDhcpService",
    IsEnabled: true,
    Pool: [
      {
        IsEnabled: true,
        Network: { href: routed.href },
        DefaultLeaseTime: 3600,
        MaxLeaseTime: 7200,
        LowIpAddress: "192.168.50.100",
        HighIpAddress: "192.168.50.150",
      },
    ],
  },
  {
    $element: "vcloud:LoadBalancerService",
    IsEnabled: true,
    Pool: [
      {
        Name: "web",
        ServicePort: [
          {
            IsEnabled: true,
            Protocol: "HTTPS",
            Algorithm: "ROUND_ROBIN",
            Port: "443",
          },
        ],
        Member: [{ IpAddress: "192.168.50.10", Weight: "1" }],
      },
    ],
    VirtualServer: [
      {
        IsEnabled: true,
        Name: "web-vip",
        Interface: { href: extHref },
        IpAddress: "203.0.113.2",
        Pool: "web",
      },
    ],
  },
];

const configure = (networkServices: Value[], client = orgAdmin) =>
  as(
    client,
    "configureServices",
    { id: uuid(edge) },
    { NetworkService: networkServices },
  );

/** The services with service `element` changed by `change`. */
const changed = (element: string, change: (s: Value) => Value): Value[] =>
  services().map((s) => (s.$element === element ? change(s) : s));

async function query(): Promise<Value[]> {
  const page = await w.call(
    "getQuery",
    {},
    { query: { type: "edgeGateway", format: "records" } },
  );
  return (page.value.Record ?? []) as Value[];
}

beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("System Administrator");
  seeded = await tenant(w);
  adminVdc = (await w.call("getAdminVdc", { id: uuid(seeded.vdc) })).value;
  extHref = (
    await externalNetwork(w, "ext-net", "dvportgroup-21", "203.0.113.1", [
      ["203.0.113.2", "203.0.113.99"],
    ])
  ).href as string;
  const admin = w.sim.users.find(
    (u) => u.role === "Organization Administrator" && u.org === seeded.org.name,
  )!;
  orgAdmin = await clientAs(w, admin);
}, 60_000);

afterAll(() => w?.close());

describe("edge gateways", () => {
  it("creates an edge gateway (201, a task): read back with its uplink, in the edgeGateway query", async () => {
    edge = await createGateway("edge-1");
    expect(edge).toMatchObject({
      name: "edge-1",
      status: 1,
      Description: "edge-1, made by the test",
      Configuration: {
        GatewayBackingConfig: "compact",
        GatewayInterfaces: {
          GatewayInterface: [
            {
              Name: "uplink-1",
              InterfaceType: "uplink",
              SubnetParticipation: [{ IpAddress: "203.0.113.2" }],
            },
          ],
        },
      },
    });
    w.link(edge, "edit", EDGE);
    w.link(edge, "edgeGateway:configureServices", SERVICES);
    // the VDC's own list (GET /admin/vdc/{id}/edgeGateways: the query's records of its gateways)
    const listed = await w.call(
      "getEdgeGateways",
      w.link(
        adminVdc,
        "edgeGateways",
        "application/vnd.vmware.vcloud.query.records+xml",
      ),
    );
    expect(listed.element).toBe("vcloud:QueryResultRecords");
    expect((listed.value.Record as Value[]).map((r) => r.href)).toEqual([
      edge.href,
    ]);
    const row = (await query()).find((r) => r.name === "edge-1");
    expect(row).toMatchObject({
      numberOfExtNetworks: 1,
      numberOfOrgNetworks: 0,
      orgVdcName: seeded.vdc.name,
      gatewayStatus: "READY",
    });
  });

  it("records its creation as an event of the gateway, which the entity resolver resolves", async () => {
    const events = await adminEvents(w, "edge-1");
    expect(events.map((e) => [e.eventType, e.entityType])).toEqual([
      ["com/vmware/vcloud/event/gateway/create", "gateway"],
    ]);
    const entity = await w.call("getEntity", { id: edge.id });
    expect(entity.element).toBe("vcloud:Entity");
    expect(w.link(entity.value, "alternate", EDGE).href).toBe(edge.href);
  });

  it("refuses creating a gateway to an organization administrator (403), a duplicate name, a bad backing, a bad uplink", async () => {
    expect(
      await refusal(
        as(
          orgAdmin,
          "createEdgeGateways",
          { id: uuid(adminVdc) },
          gatewayBody("mine"),
        ),
      ),
    ).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: "Only a system administrator can create an edge gateway.",
    });
    const create = (body: Value) =>
      refusal(
        w.call("createEdgeGateways", w.link(adminVdc, "add", EDGE), body),
      );
    expect(await create(gatewayBody("edge-1"))).toEqual({
      status: 400,
      minor: "DUPLICATE_NAME",
      message: "The VCD entity edge-1 already exists.",
    });
    expect(
      await create(gatewayBody("huge", { GatewayBackingConfig: "huge" })),
    ).toEqual(
      badRequest(
        'The GatewayBackingConfig "huge" of edge gateway "huge" is not one of compact, full, full4, x-large.',
      ),
    );
    const body = gatewayBody("bad-ip");
    body.Configuration.GatewayInterfaces.GatewayInterface[0].SubnetParticipation[0].IpAddress =
      "198.51.100.2";
    expect(await create(body)).toEqual(
      badRequest(
        'The IpAddress 198.51.100.2 of uplink "uplink-1" of edge gateway "bad-ip" is not a host address of 203.0.113.0/24.',
      ),
    );
    const typed = gatewayBody("bad-type");
    typed.Configuration.GatewayInterfaces.GatewayInterface[0].InterfaceType =
      "trunk";
    expect(await create(typed)).toEqual(
      badRequest(
        'The interface "uplink-1" of edge gateway "bad-type" has InterfaceType "trunk", not uplink or internal.',
      ),
    );
  });

  it("creates a directly connected (bridged) network as the system administrator: its ParentNetwork kept", async () => {
    const made = await w.call(
      "createVdcNetworks",
      w.link(adminVdc, "add", ORG_VDC_NETWORK),
      {
        name: "direct-1",
        Configuration: {
          IpScopes: {
            IpScope: [
              {
                IsInherited: true,
                Gateway: "203.0.113.1",
                Netmask: "255.255.255.0",
                IsEnabled: true,
              },
            ],
          },
          ParentNetwork: { href: extHref, name: "ext-net" },
          FenceMode: "bridged",
        },
        IsShared: false,
      },
    );
    expect(made.status).toBe(201);
    await w.done(made.value.Tasks.Task[0]);
    const read = (await w.call("getAdminNetwork", made.value)).value;
    expect(read.Configuration).toMatchObject({
      FenceMode: "bridged",
      ParentNetwork: { href: extHref },
    });
    expect(read.EdgeGateway).toBeUndefined();
    await w.done((await w.call("deleteNetwork", w.link(read, "remove"))).value);
  });

  it("routes an org VDC network through it: the network names it, the gateway lists an internal interface", async () => {
    routed = await createRouted("routed-1", "192.168.50.1", edge);
    expect(routed.EdgeGateway).toMatchObject({
      href: edge.href,
      name: "edge-1",
    });
    expect(routed.Configuration.FenceMode).toBe("natRouted");
    const read = (await w.call("getEdgeGateway", edge)).value;
    const interfaces = read.Configuration.GatewayInterfaces
      .GatewayInterface as Value[];
    expect(interfaces.map((i) => [i.Name, i.InterfaceType])).toEqual([
      ["uplink-1", "uplink"],
      ["routed-1", "internal"],
    ]);
    expect(interfaces[1].Network.href).toBe(routed.href);
    expect((await query()).find((r) => r.name === "edge-1")).toMatchObject({
      numberOfOrgNetworks: 1,
    });
    const rows = (
      await w.call(
        "getQuery",
        {},
        { query: { type: "orgVdcNetwork", format: "records" } },
      )
    ).value.Record as Value[];
    expect(rows.find((r) => r.name === "routed-1")).toMatchObject({
      linkType: 1,
    });
  });

  it("refuses a routed network whose subnet overlaps another of the gateway's, or naming another VDC's gateway", async () => {
    expect(
      await refusal(
        as(
          orgAdmin,
          "createVdcNetworks",
          { id: uuid(adminVdc) },
          {
            ...routedBody("routed-2", "192.168.50.129", edge),
            Configuration: {
              ...routedBody("routed-2", "192.168.50.129", edge).Configuration,
              IpScopes: {
                IpScope: [
                  {
                    IsInherited: false,
                    Gateway: "192.168.50.129",
                    Netmask: "255.255.255.128",
                    IsEnabled: true,
                  },
                ],
              },
            },
          },
        ),
      ),
    ).toEqual(
      badRequest(
        'The subnet 192.168.50.128/25 of org VDC network "routed-2" overlaps the subnet of org VDC network "routed-1" on edge gateway "edge-1".',
      ),
    );
    expect(
      await refusal(
        as(
          orgAdmin,
          "createVdcNetworks",
          { id: uuid(adminVdc) },
          routedBody("routed-3", "192.168.60.1", {
            href: `${w.sim.url}/admin/edgeGateway/00000000-0000-4000-8000-000000000000`,
          }),
        ),
      ),
    ).toEqual(
      badRequest(
        `The EdgeGateway ${w.sim.url}/admin/edgeGateway/00000000-0000-4000-8000-000000000000 of org VDC network "routed-3" is not an edge gateway of VDC "${seeded.vdc.name}".`,
      ),
    );
  });

  it("configures its services (a task, by the organization's administrator): NAT, firewall, static routes, DHCP, load balancer kept", async () => {
    const task = await configure(services());
    expect(task.status).toBe(202);
    await w.done(task.value);
    const read = (await as(orgAdmin, "getEdgeGateway", edge)).value;
    const kept = read.Configuration.EdgeGatewayServiceConfiguration
      .NetworkService as Value[];
    expect(kept.map((s) => s.$element)).toEqual([
      "vcloud:NatService",
      "vcloud:FirewallService",
      "vcloud:StaticRoutingService",
      "vcloud:GatewayDhcpService",
      "vcloud:LoadBalancerService",
    ]);
    expect(
      (kept[0].NatRule as Value[]).map((r) => [
        r.RuleType,
        r.GatewayNatRule.TranslatedIp,
      ]),
    ).toEqual([
      ["SNAT", "203.0.113.2"],
      ["DNAT", "192.168.50.10"],
    ]);
    expect(kept[3].Pool[0]).toMatchObject({
      LowIpAddress: "192.168.50.100",
      HighIpAddress: "192.168.50.150",
    });
    expect(kept[4].VirtualServer[0]).toMatchObject({ Pool: "web" });
    // the organization's administrator reads it but may not change or delete it
    expect(
      read.Link.filter((l: Value) => ["edit", "remove"].includes(l.rel)),
    ).toEqual([]);
  });

  it("refuses each service rule: NAT type and interface, firewall policy, route interface, DHCP range and network, load balancer algorithm and pool, a vApp network's service", async () => {
    const cases: [Value[], string][] = [
      [
        changed("vcloud:NatService", (s) => ({
          ...s,
          NatRule: [{ ...s.NatRule[0], RuleType: "PAT" }],
        })),
        'The NatService of edge gateway "edge-1": rule 1: the RuleType "PAT" is not SNAT or DNAT.',
      ],
      [
        changed("vcloud:NatService", (s) => ({
          ...s,
          NatRule: [
            {
              ...s.NatRule[0],
              GatewayNatRule: {
                ...s.NatRule[0].GatewayNatRule,
                Interface: { href: `${w.sim.url}/admin/network/elsewhere` },
              },
            },
          ],
        })),
        `The NatService of edge gateway "edge-1": rule 1: the interface ${w.sim.url}/admin/network/elsewhere is not one of the gateway's interfaces.`,
      ],
      [
        changed("vcloud:NatService", (s) => ({
          ...s,
          NatRule: [
            {
              ...s.NatRule[1],
              GatewayNatRule: {
                ...s.NatRule[1].GatewayNatRule,
                Protocol: "sctp",
              },
            },
          ],
        })),
        'The NatService of edge gateway "edge-1": rule 1: the protocol "sctp" is not one of tcp, udp, tcpudp, icmp, any.',
      ],
      [
        changed("vcloud:FirewallService", (s) => ({
          ...s,
          FirewallRule: [{ ...s.FirewallRule[0], Policy: "reject" }],
        })),
        'The FirewallService of edge gateway "edge-1": rule 1 ("https in"): the policy "reject" is not allow or drop.',
      ],
      [
        changed("vcloud:StaticRoutingService", (s) => ({
          ...s,
          StaticRoute: [{ ...s.StaticRoute[0], Network: "10.20.0.0" }],
        })),
        'The StaticRoutingService of edge gateway "edge-1": route 1: the network 10.20.0.0 is not in CIDR form (a.b.c.d/n).',
      ],
      [
        changed("vcloud:GatewayDhcpService", (s) => ({
          ...s,
          Pool: [{ ...s.Pool[0], LowIpAddress: "192.168.50.15" }],
        })),
        'The GatewayDhcpService of edge gateway "edge-1": pool 1: 192.168.50.15-192.168.50.150 overlaps the static IP ranges of network "routed-1".',
      ],
      [
        changed("vcloud:GatewayDhcpService", (s) => ({
          ...s,
          Pool: [{ ...s.Pool[0], HighIpAddress: "192.168.51.20" }],
        })),
        'The GatewayDhcpService of edge gateway "edge-1": pool 1: 192.168.50.100-192.168.51.20 is not inside the subnet 192.168.50.0/24 of network "routed-1".',
      ],
      [
        changed("vcloud:GatewayDhcpService", (s) => ({
          ...s,
          Pool: [{ ...s.Pool[0], Network: { href: extHref } }],
        })),
        `The GatewayDhcpService of edge gateway "edge-1": pool 1: the network ${extHref} is not an org VDC network routed through the gateway.`,
      ],
      [
        changed("vcloud:LoadBalancerService", (s) => ({
          ...s,
          Pool: [
            {
              ...s.Pool[0],
              ServicePort: [
                { ...s.Pool[0].ServicePort[0], Algorithm: "RANDOM" },
              ],
            },
          ],
        })),
        'The LoadBalancerService of edge gateway "edge-1": pool 1 ("web"): the algorithm "RANDOM" is not one of IP_HASH, ROUND_ROBIN, URI, LEAST_CONN.',
      ],
      [
        changed("vcloud:LoadBalancerService", (s) => ({
          ...s,
          VirtualServer: [{ ...s.VirtualServer[0], Pool: "api" }],
        })),
        'The LoadBalancerService of edge gateway "edge-1": virtual server 1 ("web-vip"): the pool "api" is not one of the service\'s pools.',
      ],
      [
        [
          {
            $element: "vcloud:NatService",
            IsEnabled: true,
            NatRule: [
              {
                RuleType: "DNAT",
                OneToOneBasicRule: {
                  MappingMode: "automatic",
                  ExternalIpAddress: "203.0.113.5",
                  InternalIpAddress: "192.168.50.10",
                },
              },
            ],
          },
        ],
        "The NatService of edge gateway \"edge-1\": rule 1 has no GatewayNatRule (an edge gateway's NAT rules are not a vApp network's).",
      ],
      [
        [
          {
            $element: "vcloud:DhcpService",
            IsEnabled: true,
            DefaultLeaseTime: 3600,
            MaxLeaseTime: 7200,
          },
        ],
        'A DhcpService is a vApp network\'s service; edge gateway "edge-1" takes a GatewayDhcpService.',
      ],
    ];
    for (const [body, message] of cases)
      expect(await refusal(configure(body))).toEqual(badRequest(message));
    // what was configured before is kept
    const read = (await w.call("getEdgeGateway", edge)).value;
    expect(
      read.Configuration.EdgeGatewayServiceConfiguration.NetworkService,
    ).toHaveLength(5);
  });

  it("refuses the other service rules: NAT ids, addresses and ports; route interface; DHCP pools, order, gateway and leases; load balancer pools, members and virtual servers", async () => {
    const nat = (change: Value) =>
      changed("vcloud:NatService", (s) => ({
        ...s,
        NatRule: [
          {
            ...s.NatRule[1],
            GatewayNatRule: { ...s.NatRule[1].GatewayNatRule, ...change },
          },
        ],
      }));
    const dhcp = (change: Value, extra: Value[] = []) =>
      changed("vcloud:GatewayDhcpService", (s) => ({
        ...s,
        Pool: [{ ...s.Pool[0], ...change }, ...extra],
      }));
    const lb = (change: (s: Value) => Value) =>
      changed("vcloud:LoadBalancerService", change);
    const NAT = 'The NatService of edge gateway "edge-1": ';
    const DHCP = 'The GatewayDhcpService of edge gateway "edge-1": ';
    const LB = 'The LoadBalancerService of edge gateway "edge-1": ';
    const cases: [Value[], string][] = [
      [
        changed("vcloud:NatService", (s) => ({
          ...s,
          NatRule: [s.NatRule[0], { ...s.NatRule[1], Id: 65537 }],
        })),
        `${NAT}rule 2: the Id 65537 is used twice.`,
      ],
      [
        nat({ TranslatedIp: "any" }),
        `${NAT}rule 1: TranslatedIp any is not an IPv4 address, a range or a CIDR.`,
      ],
      [
        nat({ OriginalPort: "70000" }),
        `${NAT}rule 1: OriginalPort 70000 is not any, a port or a range of ports (1-65535).`,
      ],
      [
        changed("vcloud:StaticRoutingService", (s) => ({
          ...s,
          StaticRoute: [
            {
              ...s.StaticRoute[0],
              GatewayInterface: { href: `${w.sim.url}/admin/network/nowhere` },
            },
          ],
        })),
        `The StaticRoutingService of edge gateway "edge-1": route 1: the interface ${w.sim.url}/admin/network/nowhere is not one of the gateway's interfaces.`,
      ],
      [
        dhcp({}, [
          {
            Network: { href: routed.href },
            LowIpAddress: "192.168.50.200",
            HighIpAddress: "192.168.50.210",
          },
        ]),
        `${DHCP}pool 2: network "routed-1" has a pool already.`,
      ],
      [
        dhcp({ LowIpAddress: "192.168.50.160" }),
        `${DHCP}pool 1: 192.168.50.160-192.168.50.150 is not a range of IPv4 addresses, low first.`,
      ],
      [
        dhcp({ LowIpAddress: "192.168.50.1", HighIpAddress: "192.168.50.5" }),
        `${DHCP}pool 1: 192.168.50.1-192.168.50.5 holds the gateway of network "routed-1".`,
      ],
      [
        dhcp({ DefaultLeaseTime: 9000 }),
        `${DHCP}pool 1: the default lease time 9000 is longer than the maximum 7200.`,
      ],
      [
        lb((s) => ({ ...s, Pool: [s.Pool[0], { ...s.Pool[0] }] })),
        `${LB}pool 2 ("web"): the name is used twice.`,
      ],
      [
        lb((s) => ({
          ...s,
          Pool: [
            {
              ...s.Pool[0],
              ServicePort: [{ ...s.Pool[0].ServicePort[0], Protocol: "FTP" }],
            },
          ],
        })),
        `${LB}pool 1 ("web"): the protocol "FTP" is not one of HTTP, HTTPS, TCP.`,
      ],
      [
        lb((s) => ({
          ...s,
          Pool: [{ ...s.Pool[0], Member: [{ IpAddress: "web-1" }] }],
        })),
        `${LB}pool 1 ("web"), member 1: the IpAddress web-1 is not an IPv4 address.`,
      ],
      [
        lb((s) => ({
          ...s,
          Pool: [
            {
              ...s.Pool[0],
              Member: [{ IpAddress: "192.168.50.10", Weight: "500" }],
            },
          ],
        })),
        `${LB}pool 1 ("web"), member 1: the weight 500 is not a whole number 0-100.`,
      ],
      [
        lb((s) => ({
          ...s,
          VirtualServer: [
            {
              ...s.VirtualServer[0],
              Interface: { href: `${w.sim.url}/admin/network/nowhere` },
            },
          ],
        })),
        `${LB}virtual server 1 ("web-vip"): the interface ${w.sim.url}/admin/network/nowhere is not one of the gateway's interfaces.`,
      ],
      [
        lb((s) => ({
          ...s,
          VirtualServer: [{ ...s.VirtualServer[0], IpAddress: "vip" }],
        })),
        `${LB}virtual server 1 ("web-vip"): the IpAddress vip is not an IPv4 address.`,
      ],
    ];
    for (const [body, message] of cases)
      expect(await refusal(configure(body))).toEqual(badRequest(message));
  });

  it("refuses the other gateway rules: no Configuration, an uplink without its network or twice, its address the gateway or in its ranges, an internal interface of no routed network", async () => {
    const create = (body: Value) =>
      refusal(
        w.call("createEdgeGateways", w.link(adminVdc, "add", EDGE), body),
      );
    expect(await create({ name: "bare" })).toEqual(
      badRequest(
        'The edge gateway "bare" must have a Configuration (GatewayConfiguration).',
      ),
    );
    const uplink = (name: string, change: (i: Value) => Value[]): Value => {
      const body = gatewayBody(name);
      const interfaces = body.Configuration.GatewayInterfaces;
      interfaces.GatewayInterface = change(interfaces.GatewayInterface[0]);
      return body;
    };
    const participation = (i: Value, p: Value): Value[] => [
      { ...i, SubnetParticipation: [{ ...i.SubnetParticipation[0], ...p }] },
    ];
    expect(
      await create(
        uplink("no-net", (i) => {
          const { Network: _n, ...rest } = i;
          void _n;
          return [rest];
        }),
      ),
    ).toEqual(
      badRequest(
        'The uplink "uplink-1" of edge gateway "no-net" must name its Network (an external network).',
      ),
    );
    expect(await create(uplink("twice", (i) => [i, { ...i }]))).toEqual(
      badRequest(`The edge gateway "twice" has two uplinks to ${extHref}.`),
    );
    expect(
      await create(
        uplink("on-gw", (i) => participation(i, { IpAddress: "203.0.113.1" })),
      ),
    ).toEqual(
      badRequest(
        'The IpAddress 203.0.113.1 of uplink "uplink-1" of edge gateway "on-gw" is the subnet\'s gateway.',
      ),
    );
    expect(
      await create(
        uplink("in-range", (i) =>
          participation(i, {
            IpRanges: {
              IpRange: [
                { StartAddress: "203.0.113.2", EndAddress: "203.0.113.9" },
              ],
            },
          }),
        ),
      ),
    ).toEqual(
      badRequest(
        'The IpAddress 203.0.113.2 of uplink "uplink-1" of edge gateway "in-range" is inside its IP ranges.',
      ),
    );
    const current = (await w.call("getEdgeGateway", edge)).value;
    const interfaces = current.Configuration.GatewayInterfaces
      .GatewayInterface as Value[];
    expect(
      await refusal(
        w.call("updateEdgeGateway", w.link(current, "edit"), {
          ...current,
          Configuration: {
            ...current.Configuration,
            GatewayInterfaces: {
              GatewayInterface: [
                ...interfaces,
                {
                  ...interfaces[1],
                  Name: "stray",
                  Network: { href: `${w.sim.url}/admin/network/stray` },
                },
              ],
            },
          },
        }),
      ),
    ).toEqual(
      badRequest(
        'The internal interface "stray" of edge gateway "edge-1" names no org VDC network routed through it (internal interfaces are those of its networks).',
      ),
    );
  });

  it("changes the gateway by PUT (a task, the system administrator's): name and description; refuses it to the organization's administrator", async () => {
    const current = (await w.call("getEdgeGateway", edge)).value;
    const body = { ...current, name: "edge-1b", Description: "renamed" };
    expect(
      await refusal(
        as(orgAdmin, "updateEdgeGateway", { id: uuid(edge) }, body),
      ),
    ).toEqual({
      status: 403,
      minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
      message: 'Only a system administrator can change edge gateway "edge-1".',
    });
    const task = await w.call(
      "updateEdgeGateway",
      w.link(current, "edit"),
      body,
    );
    expect(task.status).toBe(202);
    await w.done(task.value);
    edge = (await w.call("getEdgeGateway", edge)).value;
    expect(edge).toMatchObject({ name: "edge-1b", Description: "renamed" });
    // the internal interface came back in the PUT and is still derived from the network
    expect(
      edge.Configuration.GatewayInterfaces.GatewayInterface.map(
        (i: Value) => i.Name,
      ),
    ).toEqual(["uplink-1", "routed-1"]);
    // its services are kept across the PUT
    expect(
      edge.Configuration.EdgeGatewayServiceConfiguration.NetworkService,
    ).toHaveLength(5);
  });

  it("refuses another organization's administrator and a vApp User (403)", async () => {
    const other = w.sim.users.find(
      (u) => u.role === "Organization Administrator" && u.org === "globex",
    );
    expect(other).toBeDefined();
    const user = w.sim.users.find(
      (u) => u.role === "vApp User" && u.org === seeded.org.name,
    )!;
    for (const login of [other!, user]) {
      const client = await clientAs(w, login);
      for (const call of [
        () => as(client, "getEdgeGateway", { id: uuid(edge) }),
        () => configure(services(), client),
        () => as(client, "deleteEdgeGateway", { id: uuid(edge) }),
      ])
        expect(await refusal(call())).toMatchObject({
          status: 403,
          minor: "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
        });
    }
  });

  it("refuses deleting the VDC (disabled) while it has edge gateways and networks", async () => {
    let vdc = (await w.call("getAdminVdc", adminVdc)).value;
    expect((await w.call("disableVdc", w.link(vdc, "disable"))).status).toBe(
      204,
    );
    vdc = (await w.call("getAdminVdc", vdc)).value;
    expect(
      await refusal(w.call("deleteAdminVdc", w.link(vdc, "remove"))),
    ).toEqual(
      badRequest(
        `The VDC "${vdc.name}" still has edge gateways or org VDC networks (edge-1b, acme-net, routed-1): delete them first.`,
      ),
    );
    expect((await w.call("enableVdc", w.link(vdc, "enable"))).status).toBe(204);
  });

  it("refuses deleting it while a network is routed through it; deletes it (a task) once the network is gone", async () => {
    expect(
      await refusal(w.call("deleteEdgeGateway", w.link(edge, "remove"))),
    ).toEqual({
      status: 400,
      minor: "BUSY_ENTITY",
      message:
        'The edge gateway "edge-1b" cannot be deleted: org VDC networks are routed through it (routed-1).',
    });
    await w.done(
      (await as(orgAdmin, "deleteNetwork", { id: uuid(routed) })).value,
    );
    const task = await w.call("deleteEdgeGateway", w.link(edge, "remove"));
    expect(task.status).toBe(202);
    await w.done(task.value);
    expect((await query()).map((r) => r.name)).not.toContain("edge-1b");
    expect(
      await refusal(w.call("getEdgeGateway", { id: uuid(edge) })),
    ).toMatchObject({ status: 403 });
  });

  it("sent only valid bodies (the package's validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
