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
import type { User } from "../store/model.js";
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
}
