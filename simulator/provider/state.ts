/**
 * vcd-codegen runtime, simulator: the provider API's state (provider/model.ts): registered vCenter
 * servers by id, the vCenters of the seed that may still be registered (by URL), provider VDCs by
 * id, external networks by id. Filled from the seed (provider/fill.ts), emptied on the store's reset.
 */
import type { SeedVCenter } from "../store/seed.js";
import type { ExternalNetwork, ProviderVdc, VimServer } from "./model.js";

export class ProviderState {
  readonly vimServers: Map<string, VimServer> = new Map();
  /** vCenters that exist but are not registered, by URL. */
  readonly unregistered: Map<string, SeedVCenter> = new Map();
  readonly providerVdcs: Map<string, ProviderVdc> = new Map();
  readonly externalNetworks: Map<string, ExternalNetwork> = new Map();

  clear(): void {
    this.externalNetworks.clear();
    this.vimServers.clear();
    this.unregistered.clear();
    this.providerVdcs.clear();
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
}
