/**
 * Operating a vApp with raw HTTP: power on, suspend, power on from suspended, reset, shutdown,
 * undeploy (and the refusals of a state that does not allow them), then snapshots: create with
 * memory, change the hardware, revert (hardware and power state back), remove; every body valid.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf, instantiateFirst } from "./helpers/seeded.js";
import {
  link,
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

const ON = 4;
const OFF = 8;
const SUSPENDED = 3;

let sim: Simulator;
let pkg: GeneratedPackage;
let author: UserSession;
let href: string;

const vapp = () => author.get(href, "vcloud:VApp");
const vm = async () => ((await vapp()).Children as { Vm: Entity[] }).Vm[0];
const rels = (e: Entity) => e.Link!.map((l) => l.rel);

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  author = await sessionOf(sim, pkg, "acme-author");
  const r = await instantiateFirst(author, "ops");
  href = r.value!.href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("operating a vApp", () => {
  it("power on, suspend, on again, reset, shutdown: each a task, each changing status and links", async () => {
    let now = await vapp();
    expect(now.status).toBe(OFF);
    const step = async (rel: string, status: number, operation: string) => {
      const task = await author.task("POST", link(now, rel).href);
      expect(task.status).toBe("success");
      expect(task.operationName).toBe(operation);
      now = await vapp();
      expect(now.status, rel).toBe(status);
    };
    await step("power:powerOn", ON, "vappPowerOn");
    expect(rels(now)).toEqual(
      expect.arrayContaining([
        "power:suspend",
        "power:reset",
        "power:shutdown",
        "undeploy",
      ]),
    );
    expect(rels(now)).not.toContain("power:powerOn");
    expect(rels(now)).not.toContain("remove");
    await step("power:suspend", SUSPENDED, "vappSuspend");
    expect(rels(now)).toContain("power:powerOn");
    expect(rels(now)).not.toContain("power:suspend");
    expect((await vm()).status).toBe(SUSPENDED);
    await step("power:powerOn", ON, "vappPowerOn");
    await step("power:reset", ON, "vappReset");
    await step("power:shutdown", OFF, "vappShutdown");
    const again = await author.send("POST", `${href}/power/action/shutdown`);
    expect(again.status).toBe(400);
    expect(again.value!.message).toContain("is not running");
  });

  it("undeploy with UndeployVAppParams: powered off and not deployed; a second undeploy is refused", async () => {
    await author.task("POST", `${href}/power/action/powerOn`);
    const before = await vapp();
    expect(before.deployed).toBe(true);
    const undeploy = link(before, "undeploy");
    const body = `<UndeployVAppParams xmlns="${VCLOUD_NS}"><UndeployPowerAction>powerOff</UndeployPowerAction></UndeployVAppParams>`;
    const task = await author.task("POST", undeploy.href, undeploy.type, body);
    expect(task.operationName).toBe("vappUndeployPowerOff");
    const after = await vapp();
    expect(after.deployed).toBe(false);
    expect(after.status).toBe(OFF);
    expect((await vm()).deployed).toBe(false);
    expect(rels(after)).toContain("deploy");
    const twice = await author.send("POST", undeploy.href, undeploy.type, body);
    expect(twice.status).toBe(400);
    expect(twice.value!.message).toContain("is not deployed");
  });

  it("snapshots: create with memory, change the CPUs, revert (CPUs and power back), remove all", async () => {
    await author.task("POST", `${href}/power/action/powerOn`);
    let now = await vapp();
    expect(rels(now)).toContain("snapshot:create");
    expect(rels(now)).not.toContain("snapshot:revertToCurrent");
    const none = await author.send(
      "POST",
      `${href}/action/revertToCurrentSnapshot`,
    );
    expect(none.status).toBe(400);
    expect(none.value!.message).toContain("has no snapshot");
    const create = link(now, "snapshot:create");
    const params = `<CreateSnapshotParams xmlns="${VCLOUD_NS}" memory="true" quiesce="false" name="before-upgrade"/>`;
    expect(
      (await author.task("POST", create.href, create.type, params)).status,
    ).toBe("success");
    const machine = await vm();
    const section = await author.get(
      `${machine.href}/snapshotSection`,
      "vcloud:SnapshotSection",
    );
    const snapshot = section.Snapshot as {
      poweredOn: boolean;
      size: string;
      created: string;
    };
    expect(snapshot.poweredOn).toBe(true);
    expect(Number(snapshot.size)).toBeGreaterThan(2048 * 1024 * 1024);
    const cpu = `<Item xmlns="${VCLOUD_NS}" xmlns:rasd="http://schemas.dmtf.org/wbem/wscim/1/cim-schema/2/CIM_ResourceAllocationSettingData"><rasd:AllocationUnits>hertz * 10^6</rasd:AllocationUnits><rasd:ElementName>4 virtual CPU(s)</rasd:ElementName><rasd:InstanceID>4</rasd:InstanceID><rasd:ResourceType>3</rasd:ResourceType><rasd:VirtualQuantity>4</rasd:VirtualQuantity></Item>`;
    await author.task(
      "PUT",
      `${machine.href}/virtualHardwareSection/cpu`,
      "application/vnd.vmware.vcloud.rasdItem+xml",
      cpu,
    );
    await author.task("POST", `${href}/power/action/powerOff`);
    const changed = await author.get(
      `${machine.href}/virtualHardwareSection/cpu`,
    );
    expect((changed.VirtualQuantity as { $value: string }).$value).toBe("4");
    now = await vapp();
    expect(rels(now)).toContain("snapshot:revertToCurrent");
    const revert = await author.task(
      "POST",
      link(now, "snapshot:revertToCurrent").href,
    );
    expect(revert.operationName).toBe("vappRevertToSnapshot");
    const reverted = await author.get(
      `${machine.href}/virtualHardwareSection/cpu`,
    );
    expect((reverted.VirtualQuantity as { $value: string }).$value).toBe("2");
    expect((await vapp()).status).toBe(ON);
    await author.task("POST", link(await vapp(), "snapshot:removeAll").href);
    const empty = await author.get(
      `${machine.href}/snapshotSection`,
      "vcloud:SnapshotSection",
    );
    expect(empty.Snapshot).toBeUndefined();
    expect(rels(await vapp())).not.toContain("snapshot:removeAll");
  });

  it("another organization may not touch the vApp's snapshots (403)", async () => {
    const globex = await UserSession.open(
      sim,
      pkg,
      sim.users.find((u) => u.name === "globex-admin")!,
    );
    const r = await globex.send("POST", `${href}/action/removeAllSnapshots`);
    expect(r.status).toBe(403);
    expect(r.value!.minorErrorCode).toBe("ACCESS_TO_RESOURCE_IS_FORBIDDEN");
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
