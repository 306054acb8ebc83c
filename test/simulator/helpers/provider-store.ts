/** A store of the default seed for the provider rules' tests: its system administrator, acme's administrator and vc1. */
import { defaultSeed } from "../../../simulator/default-seed.js";
import { Store } from "../../../simulator/store/store.js";

export function providerStore() {
  const store = new Store(defaultSeed, {
    tokenIdleTimeout: 60_000,
    taskStepMs: 1,
  });
  const admin = [...store.users.values()].find((u) => store.isSystemAdmin(u))!;
  const tenant = [...store.users.values()].find(
    (u) => u.name === "acme-admin",
  )!;
  const server = [...store.provider.vimServers.values()][0];
  return { store, admin, tenant, server };
}
