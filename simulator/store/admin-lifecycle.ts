/**
 * vcd-codegen runtime, simulator: enabling, disabling and deleting organizations and VDCs, vCD's
 * rules: only the system administrator does it; a VDC must be disabled and hold no edge gateways,
 * org VDC networks, vApps, vApp templates or disks to be deleted, an organization disabled and without VDCs (the `System`
 * organization never). Deleting runs as a task; when it ends the entity is gone, an organization
 * with its users, groups, catalogs (their items and templates), networks and edge gateways.
 */
import { badRequest, forbidden } from "../fault.js";
import type { Org, Task, User, Vdc } from "./model.js";
import type { Store } from "./store.js";

export class LifecycleRules {
  constructor(private readonly store: Store) {}

  enableVdc(user: User, vdc: Vdc, enabled: boolean): void {
    this.requireSystemAdmin(user);
    vdc.enabled = enabled;
  }

  enableOrg(user: User, org: Org, enabled: boolean): void {
    this.requireSystemAdmin(user);
    if (org.id === this.store.systemOrg().id)
      throw badRequest("The System organization cannot be disabled.");
    org.enabled = enabled;
  }

  deleteVdc(user: User, vdc: Vdc, aliases: readonly string[]): Task {
    this.requireSystemAdmin(user);
    const s = this.store;
    if (vdc.enabled !== false)
      throw badRequest(
        `The VDC "${vdc.name}" must be disabled before it can be deleted.`,
      );
    // its edge gateways and org VDC networks first (store/edge-gateways.ts, org-networks.ts)
    const networking = [
      ...[...s.edgeGateways.values()].filter((g) => g.vdcId === vdc.id),
      ...vdc.networkIds.flatMap((id) => s.networks.get(id) ?? []),
    ].map((e) => e.name);
    if (networking.length)
      throw badRequest(
        `The VDC "${vdc.name}" still has edge gateways or org VDC networks (${networking.join(", ")}): delete them first.`,
      );
    const held =
      [...s.vapps.values()].some((v) => v.vdcId === vdc.id) ||
      [...s.templates.values()].some((t) => t.vdcId === vdc.id) ||
      [...s.disks.values()].some((d) => d.vdcId === vdc.id);
    if (held)
      throw badRequest(
        `The VDC "${vdc.name}" still holds vApps, vApp templates or disks: delete them first.`,
      );
    return s.tasks.start({
      operationName: "vdcDeleteVdc",
      aliases,
      operation: `Deleting Virtual Datacenter ${vdc.name}(${vdc.id})`,
      owner: { kind: "vdc", id: vdc.id, name: vdc.name },
      orgId: vdc.orgId,
      userId: user.id,
      apply: () => {
        s.vdcs.delete(vdc.id);
        s.metadata.delete(vdc.id);
      },
    });
  }

  deleteOrg(user: User, org: Org, aliases: readonly string[]): Task {
    this.requireSystemAdmin(user);
    const s = this.store;
    if (org.id === s.systemOrg().id)
      throw badRequest("The System organization cannot be deleted.");
    if (org.enabled)
      throw badRequest(
        `The organization "${org.name}" must be disabled before it can be deleted.`,
      );
    if ([...s.vdcs.values()].some((v) => v.orgId === org.id))
      throw badRequest(
        `The organization "${org.name}" still has VDCs: delete them first.`,
      );
    return s.tasks.start({
      operationName: "orgDelete",
      aliases,
      operation: `Deleting Organization ${org.name}(${org.id})`,
      owner: { kind: "org", id: org.id, name: org.name },
      orgId: s.systemOrg().id,
      userId: user.id,
      apply: () => this.remove(org),
    });
  }

  private remove(org: Org): void {
    const s = this.store;
    const gone: string[] = [org.id];
    const drop = <T extends { readonly id: string; readonly orgId: string }>(
      map: Map<string, T>,
    ) => {
      for (const e of [...map.values()])
        if (e.orgId === org.id) {
          map.delete(e.id);
          gone.push(e.id);
        }
    };
    for (const c of [...s.catalogs.values()])
      if (c.orgId === org.id)
        for (const id of c.itemIds) {
          s.catalogItems.delete(id);
          gone.push(id);
        }
    drop(s.catalogs);
    drop(s.templates);
    drop(s.users);
    drop(s.groups);
    drop(s.networks);
    drop(s.edgeGateways);
    s.orgs.delete(org.id);
    for (const id of gone) {
      s.metadata.delete(id);
      s.access.delete(id);
    }
  }

  private requireSystemAdmin(user: User): void {
    if (!this.store.isSystemAdmin(user)) throw forbidden();
  }
}
