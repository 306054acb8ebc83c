/**
 * The guide's "Configuring vApp Networks" through the generated 30.0 package, against its simulator:
 * a vApp's NetworkConfigSection kept from instantiation (its InstantiationParams, or one bridged
 * network per org network its VMs use) and changed by PUT (a task): a natRouted network with its own
 * IP scope, firewall and NAT rules, a VM connected to it with a POOL address and then a MANUAL one;
 * addresses unique on their segment (the org network every bridged vApp shares, or the vApp's own
 * network). One refusal per rule, each in vCD's `Error`; every body sent valid (libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  instantiate,
  section,
  startWorkflow,
  tenant,
  type Value,
  type Workflow,
  refusal,
  badRequest,
} from "./harness.js";

const CONFIG = "vcloud:NetworkConfigSection";

let w: Workflow;
let seeded: Awaited<ReturnType<typeof tenant>>;
let orgNetwork: { href: string; name: string };

async function configOf(vapp: Value): Promise<Value> {
  const answer = await w.call(
    "getVAppNetworkConfigSection",
    section(vapp, CONFIG),
  );
  expect(answer.element).toBe(CONFIG);
  return answer.value;
}

/** PUTs the section (a task, waited for). */
async function putConfig(vapp: Value, networks: Value[]): Promise<void> {
  const current = await configOf(vapp);
  const task = await w.call(
    "updateVAppNetworkConfigSection",
    w.link(current, "edit"),
    { ...current, NetworkConfig: networks },
  );
  expect(task.status).toBe(202);
  await w.done(task.value);
}

const putConfigRefused = async (vapp: Value, networks: Value[]) => {
  const current = await configOf(vapp);
  return refusal(
    w.call("updateVAppNetworkConfigSection", w.link(current, "edit"), {
      ...current,
      NetworkConfig: networks,
    }),
  );
};

const bridged = () => ({
  networkName: orgNetwork.name,
  Configuration: {
    ParentNetwork: { href: orgNetwork.href },
    FenceMode: "bridged",
  },
});

/** A natRouted network 10.0.0.1/24 with a static range, and features if given. */
const routed = (
  extra: Value = {},
  ranges: Value[] = [{ StartAddress: "10.0.0.10", EndAddress: "10.0.0.20" }],
) => ({
  networkName: "routed",
  Configuration: {
    IpScopes: {
      IpScope: [
        {
          IsInherited: false,
          Gateway: "10.0.0.1",
          Netmask: "255.255.255.0",
          IsEnabled: true,
          IpRanges: { IpRange: ranges },
        },
      ],
    },
    ParentNetwork: { href: orgNetwork.href },
    FenceMode: "natRouted",
    ...extra,
  },
});

const vmOf = async (vapp: Value): Promise<Value> =>
  (
    await w.call(
      "getVApp",
      (await w.call("getVApp", vapp)).value.Children.Vm[0],
    )
  ).value;

async function connections(vm: Value): Promise<Value> {
  return (
    await w.call(
      "getVAppNetworkConnectionSection",
      section(vm, "vcloud:NetworkConnectionSection"),
    )
  ).value;
}

/** PUTs the VM's connection 0 changed by `change` (a task, waited for); answers the section after. */
async function connect(vm: Value, change: Value): Promise<Value> {
  const current = await connections(vm);
  const task = await w.call(
    "updateVAppNetworkConnectionSection",
    w.link(current, "edit"),
    {
      ...current,
      NetworkConnection: [{ ...current.NetworkConnection[0], ...change }],
    },
  );
  await w.done(task.value);
  return connections(vm);
}

async function connectRefused(vm: Value, change: Value) {
  const current = await connections(vm);
  return refusal(
    w.call("updateVAppNetworkConnectionSection", w.link(current, "edit"), {
      ...current,
      NetworkConnection: [{ ...current.NetworkConnection[0], ...change }],
    }),
  );
}

let first: Value;
let second: Value;
beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("Organization Administrator");
  seeded = await tenant(w);
  const available = seeded.vdc.AvailableNetworks.Network as Value[];
  orgNetwork = { href: available[0].href, name: available[0].name };
  first = await instantiate(w, seeded.vdc, seeded.templateHref, "net-one");
  second = await instantiate(w, seeded.vdc, seeded.templateHref, "net-two");
}, 60_000);
afterAll(() => w?.close());

describe("a vApp's NetworkConfigSection from instantiation", () => {
  it("bridges the org network its VM uses, with the org network's scope (IsInherited)", async () => {
    const config = await configOf(first);
    const [network] = config.NetworkConfig as Value[];
    expect(network.networkName).toBe("acme-net");
    expect(network.Configuration.FenceMode).toBe("bridged");
    expect(network.Configuration.ParentNetwork.href).toBe(orgNetwork.href);
    const scope = network.Configuration.IpScopes.IpScope[0];
    expect(scope).toMatchObject({
      IsInherited: true,
      Gateway: "192.168.10.1",
      Netmask: "255.255.255.0",
    });
  });

  it("gives the VMs of two vApps on the same org network different POOL addresses", async () => {
    const a = (await connections(await vmOf(first))).NetworkConnection[0];
    const b = (await connections(await vmOf(second))).NetworkConnection[0];
    expect(a.IpAddressAllocationMode).toBe("POOL");
    expect(b.IpAddressAllocationMode).toBe("POOL");
    expect(a.IpAddress).toMatch(/^192\.168\.10\.\d+$/);
    expect(b.IpAddress).toMatch(/^192\.168\.10\.\d+$/);
    expect(a.IpAddress).not.toBe(b.IpAddress);
  });

  it("keeps the NetworkConfigSection of InstantiationParams; a VM on a network it leaves out is on none", async () => {
    const made = await w.call(
      "instantiateVAppTemplate",
      w.link(
        seeded.vdc,
        "add",
        "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
      ),
      {
        name: "net-isolated",
        InstantiationParams: {
          Section: [
            {
              $element: CONFIG,
              Info: { $value: "vApp networks" },
              NetworkConfig: [
                {
                  networkName: "lab",
                  Configuration: {
                    IpScopes: {
                      IpScope: [
                        {
                          IsInherited: false,
                          Gateway: "172.16.0.1",
                          Netmask: "255.255.255.240",
                          IpRanges: {
                            IpRange: [
                              {
                                StartAddress: "172.16.0.2",
                                EndAddress: "172.16.0.14",
                              },
                            ],
                          },
                        },
                      ],
                    },
                    FenceMode: "isolated",
                  },
                },
              ],
            },
          ],
        },
        Source: { href: seeded.templateHref },
        AllEULAsAccepted: true,
      },
    );
    expect(made.status).toBe(201);
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    const config = await configOf(made.value);
    expect(
      (config.NetworkConfig as Value[]).map((n) => [
        n.networkName,
        n.Configuration.FenceMode,
        n.Configuration.IpScopes.IpScope[0].Netmask,
      ]),
    ).toEqual([["lab", "isolated", "255.255.255.240"]]);
    const nic = (await connections(await vmOf(made.value)))
      .NetworkConnection[0];
    expect(nic.network).toBe("none");
    expect(nic.IpAddress).toBeUndefined();
  });

  it("the template's own section: its VM's network, bridged to the org network of that name", async () => {
    const config = await w.call("getVAppTemplateNetworkConfigSection", {
      id: seeded.templateHref.split("/").pop(),
    });
    expect(config.element).toBe(CONFIG);
    const [network] = config.value.NetworkConfig as Value[];
    expect(network.networkName).toBe("acme-net");
    expect(network.Configuration.FenceMode).toBe("bridged");
    expect(network.Configuration.ParentNetwork.href).toBe(orgNetwork.href);
  });

  it("compose keeps the NetworkConfigSection of its InstantiationParams too", async () => {
    const template = (
      await w.call("getVAppTemplate", { href: seeded.templateHref })
    ).value;
    const made = await w.call(
      "composeVApp",
      w.link(
        seeded.vdc,
        "add",
        "application/vnd.vmware.vcloud.composeVAppParams+xml",
      ),
      {
        name: "net-composed",
        InstantiationParams: {
          Section: [
            {
              $element: CONFIG,
              Info: { $value: "vApp networks" },
              NetworkConfig: [bridged(), routed()],
            },
          ],
        },
        SourcedItem: [{ Source: { href: template.Children.Vm[0].href } }],
        AllEULAsAccepted: true,
      },
    );
    for (const task of made.value.Tasks?.Task ?? []) await w.done(task);
    const config = await configOf(made.value);
    expect(
      (config.NetworkConfig as Value[]).map((n) => [
        n.networkName,
        n.Configuration.FenceMode,
      ]),
    ).toEqual([
      ["acme-net", "bridged"],
      ["routed", "natRouted"],
    ]);
  });

  it("refuses InstantiationParams with a bridged network that names no parent (nothing is made)", async () => {
    const refused = await refusal(
      w.call(
        "instantiateVAppTemplate",
        w.link(
          seeded.vdc,
          "add",
          "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
        ),
        {
          name: "net-refused",
          InstantiationParams: {
            Section: [
              {
                $element: CONFIG,
                Info: { $value: "vApp networks" },
                NetworkConfig: [
                  {
                    networkName: "acme-net",
                    Configuration: { FenceMode: "bridged" },
                  },
                ],
              },
            ],
          },
          Source: { href: seeded.templateHref },
        },
      ),
    );
    expect(refused).toEqual(
      badRequest(
        'The bridged vApp network "acme-net" must name its ParentNetwork (an org VDC network).',
      ),
    );
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    expect(
      (vdc.ResourceEntities.ResourceEntity as Value[]).map((e) => e.name),
    ).not.toContain("net-refused");
  });
});

describe("VMs added by a recompose", () => {
  it("draw POOL addresses apart from the vApp's own", async () => {
    const vapp = await instantiate(
      w,
      seeded.vdc,
      seeded.templateHref,
      "net-grown",
    );
    const template = (
      await w.call("getVAppTemplate", { href: seeded.templateHref })
    ).value;
    const task = await w.call(
      "recomposeVApp",
      w.link(
        vapp,
        "recompose",
        "application/vnd.vmware.vcloud.recomposeVAppParams+xml",
      ),
      {
        name: "net-grown",
        SourcedItem: [{ Source: { href: template.Children.Vm[0].href } }],
        AllEULAsAccepted: true,
      },
    );
    await w.done(task.value);
    const after = (await w.call("getVApp", vapp)).value;
    const addresses = await Promise.all(
      (after.Children.Vm as Value[]).map(async (vm) => {
        const full = (await w.call("getVApp", vm)).value;
        return (await connections(full)).NetworkConnection[0]
          .IpAddress as string;
      }),
    );
    expect(addresses).toHaveLength(2);
    for (const a of addresses) expect(a).toMatch(/^192\.168\.10\.\d+$/);
    // no two VMs of the VDC's vApps hold one address of acme-net
    const vdc = (await w.call("getVdc", seeded.vdc)).value;
    const held: string[] = [];
    for (const entity of vdc.ResourceEntities.ResourceEntity as Value[]) {
      if (entity.type !== "application/vnd.vmware.vcloud.vApp+xml") continue;
      const v = (await w.call("getVApp", entity)).value;
      for (const vm of (v.Children?.Vm ?? []) as Value[])
        for (const c of (await connections((await w.call("getVApp", vm)).value))
          .NetworkConnection as Value[])
          if (c.network === "acme-net" && c.IpAddress) held.push(c.IpAddress);
    }
    expect(held.length).toBeGreaterThanOrEqual(4);
    expect(new Set(held).size).toBe(held.length);
  });
});

describe("configuring a natRouted vApp network (PUT, a task) and connecting a VM to it", () => {
  it("adds a natRouted network with firewall and NAT, read back as PUT", async () => {
    await putConfig(first, [
      bridged(),
      routed({
        Features: {
          NetworkService: [
            {
              $element: "vcloud:FirewallService",
              IsEnabled: true,
              DefaultAction: "drop",
              LogDefaultAction: false,
              FirewallRule: [
                {
                  IsEnabled: true,
                  Description: "ssh in",
                  Policy: "allow",
                  Protocols: { Tcp: true },
                  DestinationPortRange: "22",
                  DestinationIp: "internal",
                  SourcePortRange: "Any",
                  SourceIp: "external",
                  EnableLogging: false,
                },
                {
                  IsEnabled: true,
                  Description: "all out",
                  Policy: "allow",
                  Protocols: { Any: true },
                  DestinationPortRange: "Any",
                  DestinationIp: "Any",
                  SourcePortRange: "Any",
                  SourceIp: "10.0.0.0/24",
                  EnableLogging: false,
                },
              ],
            },
            {
              $element: "vcloud:NatService",
              IsEnabled: true,
              NatType: "portForwarding",
              Policy: "allowTrafficIn",
            },
          ],
        },
      }),
    ]);
    const config = await configOf(first);
    const networks = config.NetworkConfig as Value[];
    expect(networks.map((n) => n.networkName)).toEqual(["acme-net", "routed"]);
    const r = networks[1].Configuration;
    expect(r.FenceMode).toBe("natRouted");
    expect(r.ParentNetwork.href).toBe(orgNetwork.href);
    const services = r.Features.NetworkService as Value[];
    expect(services.map((s) => s.$element)).toEqual([
      "vcloud:FirewallService",
      "vcloud:NatService",
    ]);
    expect(
      (services[0].FirewallRule as Value[]).map((x) => x.Description),
    ).toEqual(["ssh in", "all out"]);
    // the vApp's own body lists the same section
    const vapp = (await w.call("getVApp", first)).value;
    expect(section(vapp, CONFIG).NetworkConfig).toHaveLength(2);
  });

  it("connects the VM to it with POOL: the first address of the range", async () => {
    const vm = await vmOf(first);
    const after = await connect(vm, {
      network: "routed",
      IpAddressAllocationMode: "POOL",
      IpAddress: undefined,
    });
    expect(after.NetworkConnection[0]).toMatchObject({
      network: "routed",
      IpAddressAllocationMode: "POOL",
      IpAddress: "10.0.0.10",
    });
  });

  it("adds a port-forwarding VM rule naming the VM and its NIC", async () => {
    await putConfig(first, [
      bridged(),
      routed({
        Features: {
          NetworkService: [
            {
              $element: "vcloud:NatService",
              IsEnabled: true,
              NatType: "portForwarding",
              Policy: "allowTrafficIn",
              NatRule: [
                {
                  VmRule: {
                    ExternalPort: 2222,
                    VAppScopedVmId: "photon",
                    VmNicId: 0,
                    InternalPort: 22,
                    Protocol: "TCP",
                  },
                },
              ],
            },
          ],
        },
      }),
    ]);
    const r = ((await configOf(first)).NetworkConfig as Value[])[1];
    expect(
      r.Configuration.Features.NetworkService[0].NatRule[0].VmRule,
    ).toMatchObject({ ExternalPort: 2222, InternalPort: 22 });
  });

  it("gives it a MANUAL address inside the subnet", async () => {
    const after = await connect(await vmOf(first), {
      IpAddressAllocationMode: "MANUAL",
      IpAddress: "10.0.0.99",
    });
    expect(after.NetworkConnection[0].IpAddress).toBe("10.0.0.99");
  });

  it("DHCP and NONE keep no address", async () => {
    const vm = await vmOf(second);
    const dhcp = await connect(vm, { IpAddressAllocationMode: "DHCP" });
    expect(dhcp.NetworkConnection[0].IpAddressAllocationMode).toBe("DHCP");
    expect(dhcp.NetworkConnection[0].IpAddress).toBeUndefined();
    const none = await connect(vm, { IpAddressAllocationMode: "NONE" });
    expect(none.NetworkConnection[0].IpAddress).toBeUndefined();
    const back = await connect(vm, { IpAddressAllocationMode: "POOL" });
    expect(back.NetworkConnection[0].IpAddress).toMatch(/^192\.168\.10\./);
  });
});

describe("refusals: the vApp network's configuration", () => {
  const cases: [string, () => Value[], string | (() => string)][] = [
    [
      "a fence mode vCD does not have",
      () => [
        bridged(),
        {
          ...routed(),
          Configuration: { ...routed().Configuration, FenceMode: "routed" },
        },
      ],
      'The fence mode "routed" of vApp network "routed" is not one of bridged, natRouted, isolated.',
    ],
    [
      "a parent that is not an org VDC network of the VDC",
      () => [
        {
          ...bridged(),
          Configuration: {
            ParentNetwork: {
              href: orgNetwork.href.replace(/[0-9a-f]{4}$/, "0000"),
            },
            FenceMode: "bridged",
          },
        },
      ],
      () =>
        `The ParentNetwork ${orgNetwork.href.replace(/[0-9a-f]{4}$/, "0000")} of vApp network "acme-net" is not an org VDC network of the vApp's VDC.`,
    ],
    [
      "an isolated network with a parent",
      () => [
        bridged(),
        {
          ...routed(),
          Configuration: { ...routed().Configuration, FenceMode: "isolated" },
        },
      ],
      'The isolated vApp network "routed" cannot have a ParentNetwork.',
    ],
    [
      "two networks of one name",
      () => [bridged(), routed(), { ...routed(), networkName: "ROUTED" }],
      'The vApp network name "ROUTED" is used twice in vApp "net-one".',
    ],
    [
      "a range outside the subnet",
      () => [
        bridged(),
        routed({}, [{ StartAddress: "10.0.1.10", EndAddress: "10.0.1.20" }]),
      ],
      'The IP range 10.0.1.10-10.0.1.20 of vApp network "routed" is not inside its subnet 10.0.0.0/24 (netmask 255.255.255.0).',
    ],
    [
      "a range that ends before it starts",
      () => [
        bridged(),
        routed({}, [{ StartAddress: "10.0.0.20", EndAddress: "10.0.0.10" }]),
      ],
      'The IP range 10.0.0.20-10.0.0.10 of vApp network "routed" starts after it ends.',
    ],
    [
      "overlapping ranges",
      () => [
        bridged(),
        routed({}, [
          { StartAddress: "10.0.0.10", EndAddress: "10.0.0.120" },
          { StartAddress: "10.0.0.100", EndAddress: "10.0.0.130" },
        ]),
      ],
      'The IP ranges 10.0.0.10-10.0.0.120 and 10.0.0.100-10.0.0.130 of vApp network "routed" overlap.',
    ],
    [
      "a range holding the gateway",
      () => [
        bridged(),
        routed({}, [{ StartAddress: "10.0.0.1", EndAddress: "10.0.0.120" }]),
      ],
      'The IP range 10.0.0.1-10.0.0.120 of vApp network "routed" holds its gateway 10.0.0.1.',
    ],
    [
      "leaving out the network a VM is connected to",
      () => [bridged()],
      'The vApp network "routed" is in use by VM "photon" and cannot be removed from vApp "net-one".',
    ],
    [
      "a new scope leaving the VM's MANUAL address outside",
      () => [
        bridged(),
        {
          ...routed(),
          Configuration: {
            ...routed().Configuration,
            IpScopes: {
              IpScope: [
                {
                  IsInherited: false,
                  Gateway: "10.0.0.1",
                  Netmask: "255.255.255.192",
                },
              ],
            },
          },
        },
      ],
      'The IP address 10.0.0.99 of VM "photon" (MANUAL) is outside the new IP scope of vApp network "routed".',
    ],
  ];
  for (const [what, networks, message] of cases)
    it(`refuses ${what}, and keeps the section as it was`, async () => {
      const before = await configOf(first);
      expect(await putConfigRefused(first, networks())).toEqual(
        badRequest(typeof message === "string" ? message : message()),
      );
      expect((await configOf(first)).NetworkConfig).toEqual(
        before.NetworkConfig,
      );
    });
});

describe("refusals: the network's Features", () => {
  const withService = (service: Value) => [
    bridged(),
    routed({ Features: { NetworkService: [service] } }),
  ];
  const rule = (extra: Value) => ({
    $element: "vcloud:FirewallService",
    IsEnabled: true,
    DefaultAction: "drop",
    FirewallRule: [
      {
        IsEnabled: true,
        Policy: "allow",
        DestinationIp: "Any",
        SourceIp: "Any",
        ...extra,
      },
    ],
  });
  const cases: [string, () => Value[], string][] = [
    [
      "NAT on a bridged network",
      () => [
        {
          ...bridged(),
          Configuration: {
            ...bridged().Configuration,
            Features: {
              NetworkService: [
                { $element: "vcloud:NatService", IsEnabled: true },
              ],
            },
          },
        },
        routed(),
      ],
      'The bridged vApp network "acme-net" cannot have a NatService.',
    ],
    [
      "a firewall rule's policy other than allow or drop",
      () => withService(rule({ Policy: "deny", Protocols: { Tcp: true } })),
      'The FirewallService of vApp network "routed": rule 1: the policy "deny" is not allow or drop.',
    ],
    [
      "a firewall rule with no protocol",
      () => withService(rule({ Protocols: { Tcp: false } })),
      'The FirewallService of vApp network "routed": rule 1: it names no protocol.',
    ],
    [
      "a firewall rule's port out of range",
      () =>
        withService(
          rule({ Protocols: { Tcp: true }, DestinationPortRange: "70000" }),
        ),
      'The FirewallService of vApp network "routed": rule 1: DestinationPortRange 70000 is not Any, a port or a range of ports (1-65535).',
    ],
    [
      "a NAT rule of the other NAT type",
      () =>
        withService({
          $element: "vcloud:NatService",
          IsEnabled: true,
          NatType: "ipTranslation",
          NatRule: [
            {
              VmRule: {
                ExternalPort: 80,
                VAppScopedVmId: "photon",
                VmNicId: 0,
                InternalPort: 80,
                Protocol: "TCP",
              },
            },
          ],
        }),
      'The NatService of vApp network "routed": rule 1 is a VmRule, which a ipTranslation NAT service does not take (OneToOneBasicRule, OneToOneVmRule).',
    ],
    [
      "a NAT rule naming a VM the vApp does not have",
      () =>
        withService({
          $element: "vcloud:NatService",
          IsEnabled: true,
          NatType: "portForwarding",
          NatRule: [
            {
              VmRule: {
                ExternalPort: 80,
                VAppScopedVmId: "nobody",
                VmNicId: 0,
                InternalPort: 80,
                Protocol: "TCP",
              },
            },
          ],
        }),
      'The NatService of vApp network "routed": rule 1: the vApp has no VM "nobody".',
    ],
    [
      "a DHCP range overlapping the static range",
      () =>
        withService({
          $element: "vcloud:DhcpService",
          IsEnabled: true,
          DefaultLeaseTime: 3600,
          MaxLeaseTime: 7200,
          IpRange: { StartAddress: "10.0.0.15", EndAddress: "10.0.0.50" },
        }),
      'The DhcpService of vApp network "routed": the range 10.0.0.15-10.0.0.50 overlaps the network\'s static IP ranges.',
    ],
    [
      "a static route whose network is no CIDR",
      () =>
        withService({
          $element: "vcloud:StaticRoutingService",
          IsEnabled: true,
          StaticRoute: [
            {
              Name: "to-lab",
              Network: "172.16.0.0",
              NextHopIp: "10.0.0.2",
              Interface: "External",
            },
          ],
        }),
      'The StaticRoutingService of vApp network "routed": route 1: the network 172.16.0.0 is not in CIDR form (a.b.c.d/n).',
    ],
  ];
  for (const [what, networks, message] of cases)
    it(`refuses ${what}`, async () => {
      expect(await putConfigRefused(first, networks())).toEqual(
        badRequest(message),
      );
    });
});

describe("refusals: a VM's connections and addresses", () => {
  it("refuses a MANUAL address another vApp's VM holds on the same org network, in vCD's words", async () => {
    const other = await vmOf(second);
    const third = await instantiate(
      w,
      seeded.vdc,
      seeded.templateHref,
      "net-three",
    );
    const held = (await connections(await vmOf(third))).NetworkConnection[0]
      .IpAddress as string;
    expect(
      await connectRefused(other, {
        IpAddressAllocationMode: "MANUAL",
        IpAddress: held,
      }),
    ).toEqual(
      badRequest(`The following IP addresses are already being used: ${held}.`),
    );
  });

  it("refuses a MANUAL address outside the network's subnet, or its gateway", async () => {
    const vm = await vmOf(second);
    expect(
      await connectRefused(vm, {
        IpAddressAllocationMode: "MANUAL",
        IpAddress: "10.9.9.9",
      }),
    ).toEqual(
      badRequest(
        "The IP address 10.9.9.9 is not a host address of network acme-net (gateway 192.168.10.1).",
      ),
    );
    expect(
      (
        await connectRefused(vm, {
          IpAddressAllocationMode: "MANUAL",
          IpAddress: "192.168.10.1",
        })
      ).message,
    ).toBe(
      "The IP address 192.168.10.1 is not a host address of network acme-net (gateway 192.168.10.1).",
    );
  });

  it("refuses an allocation mode vCD does not have, in vCD's words", async () => {
    expect(
      await connectRefused(await vmOf(second), {
        IpAddressAllocationMode: "STATIC",
      }),
    ).toEqual(
      badRequest("Invalid network parameter: Unknown IP Addressing Mode"),
    );
  });

  it("refuses POOL when the range has no free address, in vCD's words", async () => {
    const vapp = await instantiate(
      w,
      seeded.vdc,
      seeded.templateHref,
      "net-full",
    );
    // a one-address range, which the VM of `first` would not hold: taken by a MANUAL connection
    await putConfig(vapp, [
      bridged(),
      routed({}, [{ StartAddress: "10.0.0.10", EndAddress: "10.0.0.10" }]),
    ]);
    const vm = await vmOf(vapp);
    await connect(vm, {
      network: "routed",
      IpAddressAllocationMode: "MANUAL",
      IpAddress: "10.0.0.10",
    });
    const current = await connections(vm);
    const refused = await refusal(
      w.call("updateVAppNetworkConnectionSection", w.link(current, "edit"), {
        ...current,
        NetworkConnection: [
          current.NetworkConnection[0],
          {
            ...current.NetworkConnection[0],
            NetworkConnectionIndex: 1,
            IpAddressAllocationMode: "POOL",
            IpAddress: undefined,
            MACAddress: undefined,
          },
        ],
      }),
    );
    expect(refused).toEqual(
      badRequest(
        "There are insufficient IP addresses to complete operation. You need to add IP addresses to the network that is associated with the object being created or deployed.",
      ),
    );
  });

  it("refuses two connections of one index", async () => {
    const vm = await vmOf(second);
    const current = await connections(vm);
    const nic = current.NetworkConnection[0];
    expect(
      (
        await refusal(
          w.call(
            "updateVAppNetworkConnectionSection",
            w.link(current, "edit"),
            {
              ...current,
              NetworkConnection: [
                nic,
                {
                  ...nic,
                  IpAddressAllocationMode: "DHCP",
                  MACAddress: undefined,
                },
              ],
            },
          ),
        )
      ).message,
    ).toBe(
      `The NetworkConnectionIndex ${String(nic.NetworkConnectionIndex)} is used twice in VM "photon".`,
    );
  });

  it("refuses the section on a VM (it belongs to the vApp)", async () => {
    const vm = await vmOf(second);
    const id = vm.href.split("/").pop();
    expect(
      (await refusal(w.call("getVAppNetworkConfigSection", { id }))).message,
    ).toBe("The NetworkConfigSection belongs to the vApp, not to its VMs.");
  });
});

describe("addresses drawn by a task still running", () => {
  let slow: Workflow;
  afterAll(() => slow?.close());

  it("are not drawn again by another vApp's write meanwhile", async () => {
    // tasks of 300 ms steps: the first PUT's task still runs when the second one comes
    slow = await startWorkflow({ taskStepMs: 300 });
    await slow.loginAs("Organization Administrator");
    const { vdc, templateHref } = await tenant(slow);
    const vms: Value[] = [];
    for (const name of ["slow-a", "slow-b"]) {
      const vapp = await instantiate(slow, vdc, templateHref, name);
      vms.push((await slow.call("getVApp", vapp.Children.Vm[0])).value);
    }
    const put = async (vm: Value) => {
      const inline = section(vm, "vcloud:NetworkConnectionSection");
      const current = (
        await slow.call("getVAppNetworkConnectionSection", inline)
      ).value;
      return slow.call(
        "updateVAppNetworkConnectionSection",
        slow.link(current, "edit"),
        {
          ...current,
          NetworkConnection: [
            {
              ...current.NetworkConnection[0],
              IpAddressAllocationMode: "MANUAL",
              IpAddress: "192.168.10.77",
            },
          ],
        },
      );
    };
    const first = await put(vms[0]);
    expect(first.status).toBe(202);
    await expect(put(vms[1])).rejects.toMatchObject({
      status: 400,
      error: {
        message:
          "The following IP addresses are already being used: 192.168.10.77.",
      },
    });
    await slow.done(first.value);
  }, 30_000);
});

describe("the bodies", () => {
  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });
});
