/**
 * The event types the simulator gives a task that ends are vCD's, as the package's AMQP entry lists
 * them (runtime/amqp/notification-types.ts, with its evidence): for every kind of task owner the
 * simulator keeps, what its create, change and delete operations record; for vApps and VMs their
 * power operations too. A type outside the list (`vapptemplate/create` once, where vCD spells
 * `vappTemplate`) would reach subscribers as an unknown type.
 */
import { describe, expect, it } from "vitest";
import { NOTIFICATION_TYPES } from "../../runtime/amqp/index.js";
import { taskEventType, urnKindOf } from "../../simulator/events/event-type.js";
import type { EntityRef, Task } from "../../simulator/store/model.js";

const KINDS: readonly EntityRef["kind"][] = [
  "vApp",
  "vm",
  "vAppTemplate",
  "vdc",
  "catalog",
  "catalogItem",
  "org",
  "disk",
  "media",
  "providerVdc",
  "externalNetwork",
  "network",
  "edgeGateway",
];

const typeOf = (kind: EntityRef["kind"], operationName: string): string =>
  taskEventType({ owner: { kind }, operationName } as unknown as Task);

describe("the simulator's event types", () => {
  it("are the AMQP entry's known types, for every kind of owner and action", () => {
    const known = new Set<string>(NOTIFICATION_TYPES);
    const made = KINDS.flatMap((kind) => [
      typeOf(kind, "vdcCreateThing"),
      typeOf(kind, "thingUpdate"),
      typeOf(kind, "thingDelete"),
    ]).concat(
      ["vApp", "vm"].flatMap((kind) => [
        typeOf(kind as EntityRef["kind"], "vappDeploy"),
        typeOf(kind as EntityRef["kind"], "vappUndeployPowerOff"),
      ]),
    );
    expect(made.filter((t) => !known.has(t))).toEqual([]);
    expect(typeOf("vAppTemplate", "vdcUploadOvfContents")).toBe(
      "com/vmware/vcloud/event/vappTemplate/create",
    );
    expect(typeOf("catalogItem", "catalogItemDelete")).toBe(
      "com/vmware/vcloud/event/catalogItem/delete",
    );
  });

  it("keep URNs in vCD's lower case (urn:vcloud:vapptemplate:...)", () => {
    expect(urnKindOf("vAppTemplate")).toBe("vapptemplate");
    expect(urnKindOf("catalogItem")).toBe("catalogitem");
    expect(urnKindOf("vApp")).toBe("vapp");
    expect(urnKindOf("edgeGateway")).toBe("gateway");
  });
});
