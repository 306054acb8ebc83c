/**
 * A vCenter's unregister and PUT at the store (provider/vcenters.ts): refused while a provider VDC,
 * an external network or a network pool uses it (each named), for anyone but the system administrator (403), and
 * a PUT's URL must name the same server; an unregistered vCenter may be registered again.
 */
import { describe, expect, it } from "vitest";
import { providerStore } from "../helpers/provider-store.js";
import { VCenterRules } from "../../../simulator/provider/vcenters.js";

const setup = () => {
  const seeded = providerStore();
  return { ...seeded, rules: new VCenterRules(seeded.store) };
};

describe("a vCenter's unregister and PUT at the store", () => {
  it("names every provider VDC and external network that keeps it registered", () => {
    const { store, admin, server, rules } = setup();
    store.provider.externalNetworks.set("net-1", {
      id: "net-1",
      name: "ext-1",
      vimServerId: server.id,
      portGroup: "dvportgroup-21",
      portGroupType: "DV_PORTGROUP",
      configuration: {},
    });
    expect(() => rules.unregister(admin, server)).toThrow(
      "The vCenter server vc1 cannot be unregistered: it backs the provider VDC pvdc-gold, the external network ext-1, the network pool np-gold-vlan.",
    );
    store.provider.externalNetworks.clear();
    store.provider.networkPools.clear();
    store.provider.providerVdcs.clear();
    for (const vdc of store.vdcs.values()) delete vdc.providerVdcId;
    const task = rules.unregister(admin, server);
    expect(task.operationName).toBe("vimServerUnregister");
  });

  it("refuses a tenant administrator (403) and a PUT naming another server", () => {
    const { admin, tenant, server, rules } = setup();
    expect(() => rules.unregister(tenant, server)).toThrow(
      expect.objectContaining({ status: 403 }),
    );
    const put = {
      name: "vc1",
      url: "https://VC1.example.com:443/",
      username: "administrator@vsphere.local",
      enabled: true,
    };
    expect(rules.update(admin, server, put).operationName).toBe(
      "vimServerUpdate",
    );
    // the URL is checked before the task (the first PUT's, still running) would refuse it
    expect(() =>
      rules.update(admin, server, {
        ...put,
        url: "https://vc2.example.com:443",
      }),
    ).toThrow(
      "Unable to connect to the vCenter server at https://vc2.example.com:443.",
    );
    expect(() => rules.update(tenant, server, put)).toThrow(
      expect.objectContaining({ status: 403 }),
    );
  });
});
