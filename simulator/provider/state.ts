/**
 * vcd-codegen runtime, simulator: the provider API's state (provider/model.ts): registered vCenter
 * servers by id, the vCenters of the seed that may still be registered (by URL), provider VDCs by
 * id, external networks and network pools by id. Filled from the seed (provider/fill.ts), emptied on the store's reset.
 */
import type { SeedVCenter } from "../store/seed.js";
import type {
  ExternalNetwork,
  NetworkPool,
  ProviderVdc,
  VimServer,
} from "./model.js";

export class ProviderState {
  readonly vimServers: Map<string, VimServer> = new Map();
  /** vCenters that exist but are not registered, by URL. */
  readonly unregistered: Map<string, SeedVCenter> = new Map();
  readonly providerVdcs: Map<string, ProviderVdc> = new Map();
  readonly externalNetworks: Map<string, ExternalNetwork> = new Map();
  readonly networkPools: Map<string, NetworkPool> = new Map();

  clear(): void {
    this.externalNetworks.clear();
    this.networkPools.clear();
    this.vimServers.clear();
    this.unregistered.clear();
    this.providerVdcs.clear();
  }

  /** The registered vCenter of an id a request named, if any. */
  vimServer(id: string | undefined): VimServer | undefined {
    return id === undefined ? undefined : this.vimServers.get(id);
  }

  /** The provider VDC backed by a resource pool (of a vCenter; primary or secondary), if any. */
  providerVdcOn(vimServerId: string, moref: string): ProviderVdc | undefined {
    for (const p of this.providerVdcs.values())
      if (
        p.vimServerId === vimServerId &&
        (p.resourcePool === moref || p.secondaryPools.includes(moref))
      )
        return p;
    return undefined;
  }

  /** What a port group of a vCenter backs ("the external network X", "the network pool Y"), if anything; `exceptPool` left out. */
  portGroupUser(
    vimServerId: string,
    moref: string,
    exceptPool?: string,
  ): string | undefined {
    for (const e of this.externalNetworks.values())
      if (e.vimServerId === vimServerId && e.portGroup === moref)
        return `the external network ${e.name}`;
    for (const p of this.networkPools.values())
      if (
        p.id !== exceptPool &&
        p.vimServerId === vimServerId &&
        p.portGroups.includes(moref)
      )
        return `the network pool ${p.name}`;
    return undefined;
  }
}
