/**
 * vcd-codegen runtime, simulator: registering a vCenter server (`registervimserver`). vCD connects to
 * the server at the URL with the credentials given and registers it with its inventory; the
 * simulator's vCenters are the seed's `unregisteredVcenters` (by URL). vCloud API Programming Guide
 * 5.5, "Register a vCenter Server and vShield Manager" (p. 241-242): system administrators only; the
 * answer is the `RegisterVimServerParams` with the new server's href and without the password.
 * vCD's words for a server it cannot reach or log in to are not published: the messages below say
 * what failed, in a `BAD_REQUEST`.
 */
import { badRequest, duplicateName, forbidden } from "../fault.js";
import type { Task, User } from "../store/model.js";
import type { Store } from "../store/store.js";
import { newVimServer } from "./fill.js";
import type { VimServer } from "./model.js";

export interface RegisterParams {
  readonly name: string;
  readonly url: string;
  readonly username: string;
  readonly password?: string;
  readonly enabled: boolean;
}

const same = (a: string, b: string) => a.toLowerCase() === b.toLowerCase();
const hostOf = (url: string) => url.replace(/\/+$/, "").toLowerCase();

export class VCenterRules {
  constructor(private readonly store: Store) {}

  /** Registers one of the seed's unregistered vCenters (by URL, with its credentials) under the name given. */
  register(user: User, p: RegisterParams): VimServer {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const state = this.store.provider;
    if (p.name.trim() === "")
      throw badRequest("The vCenter server needs a name.");
    for (const s of state.vimServers.values()) {
      if (same(s.name, p.name)) throw duplicateName(p.name);
      if (hostOf(s.url) === hostOf(p.url))
        throw badRequest(
          `The vCenter server at ${p.url} is already registered (as ${s.name}).`,
        );
    }
    const seed = [...state.unregistered.values()].find(
      (v) => hostOf(v.url) === hostOf(p.url),
    );
    if (!seed)
      throw badRequest(`Unable to connect to the vCenter server at ${p.url}.`);
    if (
      !same(seed.username, p.username) ||
      (seed.password !== undefined && seed.password !== p.password)
    )
      throw badRequest(
        `Unable to log in to the vCenter server at ${p.url}: the user name or password is wrong.`,
      );
    const server: VimServer = {
      ...newVimServer(this.store.ids, { ...seed, name: p.name }),
      enabled: p.enabled,
    };
    state.unregistered.delete(seed.url);
    state.vimServers.set(server.id, server);
    return server;
  }

  private task(
    user: User,
    server: VimServer,
    operationName: string,
    operation: string,
    apply: () => void = () => undefined,
  ): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    this.store.tasks.requireIdle(server.id, server.name);
    return this.store.tasks.start({
      operationName,
      operation: `${operation} ${server.name}(${server.id})`,
      owner: { kind: "vimServer", id: server.id, name: server.name },
      orgId: this.store.systemOrg().id,
      userId: user.id,
      apply,
    });
  }

  /**
   * A `PUT` of it (a task): its name (unique), user name and enabled state are kept; its URL may
   * change its spelling (case, a trailing slash), not the server it names: another URL is another
   * vCenter, which is refused as `registervimserver` refuses a URL no vCenter answers at.
   */
  update(user: User, server: VimServer, p: RegisterParams): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    if (p.name.trim() === "")
      throw badRequest("The vCenter server needs a name.");
    for (const s of this.store.provider.vimServers.values())
      if (s !== server && same(s.name, p.name)) throw duplicateName(p.name);
    if (hostOf(p.url) !== hostOf(server.url))
      throw badRequest(`Unable to connect to the vCenter server at ${p.url}.`);
    if (p.username.trim() === "")
      throw badRequest("The vCenter server needs a user name.");
    return this.task(user, server, "vimServerUpdate", "Updating", () => {
      server.name = p.name;
      server.url = p.url;
      server.username = p.username;
      server.enabled = p.enabled;
    });
  }

  /** `refresh`, `refreshStorageProfiles`, `forcevimserverreconnect`: a task; the inventory is the seed's, read again unchanged. */
  reread(user: User, server: VimServer, operationName: string): Task {
    return this.task(user, server, operationName, "Refreshing");
  }

  /**
   * `unregister` (a task): refused while a provider VDC, an external network or a network pool uses it; the
   * server goes back to the vCenters that may be registered (its VMs as they are now).
   */
  unregister(user: User, server: VimServer): Task {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
    const state = this.store.provider;
    const users = [
      ...[...state.providerVdcs.values()]
        .filter((p) => p.vimServerId === server.id)
        .map((p) => `the provider VDC ${p.name}`),
      ...[...state.externalNetworks.values()]
        .filter((n) => n.vimServerId === server.id)
        .map((n) => `the external network ${n.name}`),
      ...[...state.networkPools.values()]
        .filter((n) => n.vimServerId === server.id)
        .map((n) => `the network pool ${n.name}`),
    ];
    if (users.length)
      throw badRequest(
        `The vCenter server ${server.name} cannot be unregistered: it backs ${users.join(", ")}.`,
      );
    return this.task(
      user,
      server,
      "vimServerUnregister",
      "Unregistering",
      () => {
        state.vimServers.delete(server.id);
        this.store.forget([server.id]);
        // the vCenter is still there: it may be registered again, with what it has now
        state.unregistered.set(server.url, {
          name: server.name,
          url: server.url,
          username: server.username,
          uuid: server.uuid,
          version: server.version,
          resourcePools: server.resourcePools,
          datastores: server.datastores,
          networks: server.networks,
          storageProfiles: server.storageProfiles,
          vms: server.vms,
          hosts: server.hosts,
          files: server.files,
          switches: server.switches,
        });
      },
    );
  }
}
