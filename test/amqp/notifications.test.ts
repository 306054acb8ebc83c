/**
 * The simulator's notifications over a real RabbitMQ, consumed with raw amqplib: the AMQP settings
 * kept (GET shows no password) and tested (`action/test`: reachable or not, the exchange there or
 * not); with notifications enabled, every event of a Hello vCloud workflow (login, instantiate,
 * power on, power off, delete) arrives twice, as XML `vmext:Notification` on the configured
 * exchange (valid by libxml2) and as the guide's JSON on `vcd.notifications20`, with vCD's routing
 * key and headers; with the broker down the API still answers at once, and what was published
 * meanwhile arrives once it is back. Every body the simulator sent valid (package and libxml2).
 */
import { DOMParser } from "@xmldom/xmldom";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../helpers/libxml2.js";
import { startBroker, type TestBroker } from "../helpers/rabbitmq.js";
import {
  instantiateFirst,
  sessionOf,
  startSeeded,
} from "../simulator/helpers/seeded.js";
import { UserSession } from "../simulator/helpers/session.js";
import { expectAllValid } from "../simulator/helpers/valid-bodies.js";
import { Collector, type Collected } from "./helpers/collector.js";

const VMEXT = "http://www.vmware.com/vcloud/extension/v1.5";
const SETTINGS = "/admin/extension/settings/amqp";
const AMQP_MT = "application/vnd.vmware.admin.amqpSettings+xml";
const SYSTEM_EXCHANGE = "vcd-system";

let broker: TestBroker;
let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let collector: Collector;

const settingsBody = (o: {
  port: number;
  exchange?: string;
  password?: string;
  ssl?: boolean;
}) =>
  `<vmext:AmqpSettings xmlns:vmext="${VMEXT}" xmlns:vcloud="http://www.vmware.com/vcloud/v1.5">` +
  `<vmext:AmqpHost>127.0.0.1</vmext:AmqpHost><vmext:AmqpPort>${o.port}</vmext:AmqpPort>` +
  `<vmext:AmqpUsername>guest</vmext:AmqpUsername>` +
  (o.password !== undefined
    ? `<vmext:AmqpPassword>${o.password}</vmext:AmqpPassword>`
    : "") +
  `<vmext:AmqpExchange>${o.exchange ?? SYSTEM_EXCHANGE}</vmext:AmqpExchange><vmext:AmqpVHost>/</vmext:AmqpVHost>` +
  `<vmext:AmqpUseSSL>${o.ssl ?? false}</vmext:AmqpUseSSL><vmext:AmqpPrefix>vcd</vmext:AmqpPrefix></vmext:AmqpSettings>`;

beforeAll(async () => {
  broker = await startBroker();
  // vCD's administrator creates the system exchange (topic, durable) beforehand; the test's
  // queues are bound to it and to the JSON exchange vCD creates, vcd.notifications20.
  collector = await Collector.start(broker.url, [
    { queue: "xml-all", exchange: SYSTEM_EXCHANGE, pattern: "#" },
    { queue: "json-all", exchange: "vcd.notifications20", pattern: "#" },
  ]);
  ({ sim, pkg } = await startSeeded({ recordBodies: true }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
}, 120_000);

afterAll(async () => {
  await collector?.close();
  await sim?.close();
  await broker?.stop();
}, 60_000);

const test = async (body: string) => {
  const r = await system.send("POST", `${SETTINGS}/action/test`, AMQP_MT, body);
  expect(r.status, r.body).toBe(200);
  expect(r.element).toBe("vmext:AmqpSettingsTest");
  return r.value as unknown as { Valid: boolean; error?: { message: string } };
};

describe("the AMQP settings", () => {
  it("start unset, are kept by PUT, and GET never shows the password", async () => {
    const before = await system.get(SETTINGS, "vmext:AmqpSettings");
    expect(before.AmqpHost).toBe("");
    expect(before.AmqpPrefix).toBe("vcd");
    const put = await system.send(
      "PUT",
      SETTINGS,
      AMQP_MT,
      settingsBody({ port: broker.port, password: "guest" }),
    );
    expect(put.status, put.body).toBe(200);
    expect(put.body).not.toContain("AmqpPassword");
    const after = await system.get(SETTINGS, "vmext:AmqpSettings");
    expect(after).toMatchObject({
      AmqpHost: "127.0.0.1",
      AmqpPort: broker.port,
      AmqpUsername: "guest",
      AmqpExchange: SYSTEM_EXCHANGE,
      AmqpVHost: "/",
      AmqpUseSSL: false,
      AmqpPrefix: "vcd",
    });
    expect(after.AmqpPassword).toBeUndefined();
    expect(after.Link!.some((l) => l.rel === "test")).toBe(true);
  });

  it("a tenant's administrator may not read them", async () => {
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const r = await admin.send("GET", SETTINGS);
    expect(r.status).toBe(403);
  });

  it("action/test: valid for the running broker, not for a closed port, a missing exchange or SSL", async () => {
    expect(await test(settingsBody({ port: broker.port }))).toMatchObject({
      Valid: true,
    });
    const closed = await test(settingsBody({ port: 1 }));
    expect(closed.Valid).toBe(false);
    expect(closed.error!.message).toContain("Unable to connect");
    const missing = await test(
      settingsBody({ port: broker.port, exchange: "no-such-exchange" }),
    );
    expect(missing.Valid).toBe(false);
    expect(missing.error!.message).toContain('"no-such-exchange"');
    const ssl = await test(settingsBody({ port: broker.port, ssl: true }));
    expect(ssl.Valid).toBe(false);
    expect(ssl.error!.message).toContain("SSL");
  });
});

interface Parsed {
  type: string;
  eventId: string;
  success: string;
  links: Record<string, { id: string; type: string; name: string | null }>;
  resolver: string;
}

function parseXml(body: string): Parsed {
  const doc = new DOMParser().parseFromString(body, "application/xml");
  const root = doc.documentElement!;
  expect(root.namespaceURI).toBe(VMEXT);
  expect(root.localName).toBe("Notification");
  const links: Parsed["links"] = {};
  const entityLinks = root.getElementsByTagNameNS(VMEXT, "EntityLink");
  for (let i = 0; i < entityLinks.length; i++) {
    const l = entityLinks.item(i)!;
    links[l.getAttribute("rel")!] = {
      id: l.getAttribute("id")!,
      type: l.getAttribute("type")!,
      name: l.getAttribute("name"),
    };
  }
  return {
    type: root.getAttribute("type")!,
    eventId: root.getAttribute("eventId")!,
    success: root.getElementsByTagNameNS(VMEXT, "OperationSuccess").item(0)!
      .textContent!,
    links,
    resolver: root
      .getElementsByTagNameNS(VMEXT, "Link")
      .item(0)!
      .getAttribute("href")!,
  };
}

const uuid = (urn: string) => urn.slice(urn.lastIndexOf(":") + 1);
const EVENT_TYPES = [
  "com/vmware/vcloud/event/session/login",
  "com/vmware/vcloud/event/vapp/create",
  "com/vmware/vcloud/event/vapp/deploy",
  "com/vmware/vcloud/event/vapp/undeploy",
  "com/vmware/vcloud/event/vapp/delete",
];

describe("notifications", () => {
  let vappId = "";

  it("nothing is published while notifications are disabled (vCD's default)", async () => {
    const n = await system.get(
      "/admin/extension/settings/notifications",
      "vmext:NotificationsSettings",
    );
    expect(n.EnableNotifications).toBe(false);
    await sessionOf(sim, pkg, "acme-admin"); // a login: an event
    await new Promise((r) => setTimeout(r, 300));
    expect(collector.messages).toHaveLength(0);
  });

  it("the Hello vCloud workflow: each event arrives in both forms with vCD's routing key and headers", async () => {
    const on = await system.send(
      "PUT",
      "/admin/extension/settings/notifications",
      "application/vnd.vmware.admin.notificationsSettings+xml",
      `<vmext:NotificationsSettings xmlns:vmext="${VMEXT}"><vmext:EnableNotifications>true</vmext:EnableNotifications></vmext:NotificationsSettings>`,
    );
    expect(on.status, on.body).toBe(200);
    const admin = await sessionOf(sim, pkg, "acme-admin");
    const vapp = (await instantiateFirst(admin, "notified")).value!;
    vappId = uuid(String(vapp.id));
    const href = vapp.href;
    expect(
      (await admin.task("POST", `${href}/power/action/powerOn`)).status,
    ).toBe("success");
    expect(
      (await admin.task("POST", `${href}/power/action/powerOff`)).status,
    ).toBe("success");
    expect((await admin.task("DELETE", href)).status).toBe("success");

    const typesOf = (ms: Collected[]) =>
      ms.map((m) => m.headers["notification.type"] as string);
    await collector.until(
      () =>
        EVENT_TYPES.every(
          (t) =>
            typesOf(collector.of("xml-all")).includes(t) &&
            typesOf(collector.of("json-all")).includes(t),
        ),
      "every event of the workflow in both forms",
    );
    const xml = collector.of("xml-all");
    const json = collector.of("json-all");
    expect(xml.length).toBe(json.length);

    const acme = (await admin.get("/org")).Org as {
      name: string;
      href: string;
    }[];
    const orgId = acme
      .find((o) => o.name === "acme")!
      .href.split("/")
      .pop()!;
    const me = (
      await admin.get("/query?type=user&format=records&filter=name==acme-admin")
    ).Record as { href: string }[];
    const userId = me[0].href.split("/").pop()!;

    for (const [i, m] of xml.entries()) {
      const x = parseXml(m.body);
      const j = JSON.parse(json[i].body) as Record<string, unknown>;
      expect(m.contentType).toBe("application/xml");
      expect(json[i].contentType).toBe("application/json");
      expect(m.exchange).toBe(SYSTEM_EXCHANGE);
      expect(json[i].exchange).toBe("vcd.notifications20");
      // the same event, the same key and headers in both forms
      expect(j.eventId).toBe(x.eventId);
      expect(j.type).toBe(x.type);
      expect(json[i].routingKey).toBe(m.routingKey);
      expect(json[i].headers).toEqual(m.headers);
      expect(x.resolver).toBe(`${sim.url}/entity/`);
      expect(String(j.operationSuccess)).toBe(x.success);
      expect(j.entity).toBe(x.links.entity.id);
      expect(j.user).toBe(x.links.down.id);
      expect(j.org).toBe(x.links.up.id);
      expect(typeof j.timestamp).toBe("string");
      const entityUuid = uuid(String(j.entity));
      // operationSuccess.entity.org.user.com.vmware.vcloud.event.<object>.<action>
      expect(m.routingKey).toBe(
        [
          x.success,
          entityUuid,
          uuid(String(j.org)),
          uuid(String(j.user)),
          x.type.replace(/\//g, "."),
        ].join("."),
      );
      expect(m.headers).toMatchObject({
        "notification.type": x.type,
        "notification.entityUUID": entityUuid,
        "notification.orgUUID": uuid(String(j.org)),
        "notification.userUUID": uuid(String(j.user)),
        "notification.operationSuccess": x.success === "true",
      });
    }

    // the workflow's own events: acme's, its admin's, about the vApp (the login about the user)
    const ofWorkflow = json
      .map((m) => JSON.parse(m.body) as Record<string, string>)
      .filter((j) => j.user === `urn:vcloud:user:${userId}`);
    for (const type of EVENT_TYPES.slice(1)) {
      const j = ofWorkflow.find(
        (e) => e.type === type && e.entity === `urn:vcloud:vapp:${vappId}`,
      );
      expect(j, type).toBeDefined();
      expect(j!.org).toBe(`urn:vcloud:org:${orgId}`);
      expect((j as Record<string, unknown>).operationSuccess).toBe(true);
      expect(j!.task).toMatch(/^urn:vcloud:task:/);
      expect(j!.taskOwner).toBe(`urn:vcloud:vapp:${vappId}`);
      const m = json.find(
        (c) =>
          JSON.parse(c.body).eventId === (j as Record<string, string>).eventId,
      )!;
      expect(m.routingKey).toBe(
        `true.${vappId}.${orgId}.${userId}.${type.replace(/\//g, ".")}`,
      );
      expect(m.headers["notification.entityType"]).toBe("vapp");
      expect(m.headers["notification.taskUUID"]).toBe(uuid(j!.task));
    }
    const login = ofWorkflow.find((e) => e.type === EVENT_TYPES[0])!;
    expect(login.entity).toBe(`urn:vcloud:user:${userId}`);

    // every XML form valid by libxml2 against vCD's schemas (notification.xsd)
    const oracle = await validateWithLibxml2(
      xml.map((m, i) => ({ name: `n-${i}.xml`, xml: m.body })),
    );
    const invalid = [...oracle.entries()].filter(([, r]) => !r.valid);
    expect(invalid).toEqual([]);
  });

  it("a broker that is down holds up no API call; what was published meanwhile arrives once it is back", async () => {
    const before = collector.of("json-all").length;
    await broker.halt();
    const started = Date.now();
    const admin = await sessionOf(sim, pkg, "acme-admin"); // a login while the broker is down
    await admin.get("/org");
    expect(Date.now() - started).toBeLessThan(2_000);
    await broker.start();
    await collector.reconnect();
    await collector.until(
      () => collector.of("json-all").length > before,
      "the login published while the broker was down",
      20_000,
    );
    const late = collector
      .of("json-all")
      .slice(before)
      .map((m) => JSON.parse(m.body) as Record<string, string>);
    expect(
      late.map((j) => j.type),
      JSON.stringify(late),
    ).toContain(EVENT_TYPES[0]);
  }, 90_000);

  it("a configured exchange that does not exist yet: its XML forms are dropped until it is created", async () => {
    const put = await system.send(
      "PUT",
      SETTINGS,
      AMQP_MT,
      settingsBody({ port: broker.port, exchange: "created-later" }),
    );
    expect(put.status, put.body).toBe(200);
    const json = collector.of("json-all").length;
    await sessionOf(sim, pkg, "acme-admin"); // an event: JSON only
    await collector.until(
      () => collector.of("json-all").length > json,
      "the JSON form while the XML exchange is missing",
    );
    const late = await Collector.start(broker.url, [
      { queue: "xml-late", exchange: "created-later", pattern: "#" },
    ]);
    try {
      expect(late.messages).toHaveLength(0);
      await new Promise((r) => setTimeout(r, 1_100)); // the publisher looks again once a second
      await sessionOf(sim, pkg, "acme-admin");
      await late.until(
        () => late.messages.length > 0,
        "the XML form once its exchange exists",
      );
      expect(late.messages[0].headers["notification.type"]).toBe(
        EVENT_TYPES[0],
      );
    } finally {
      await late.close();
    }
  }, 60_000);

  it("every body the simulator sent is valid", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
