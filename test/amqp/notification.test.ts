/**
 * readNotification: both forms vCD publishes, written here as the vCloud API Programming Guide 5.5
 * prints them (chapter 10, "Example: Notification Message Format", pages 313-314; the JSON form is
 * also in ../shared/seeds/003_*.txt), and the headers of Table 10-1 "Notification Headers".
 */
import { describe, expect, it } from "vitest";
import {
  EVENT_TYPE_PREFIX,
  NOTIFICATION_TYPES,
  readNotification,
  readNotificationHeaders,
  VcdAmqpError,
  type Notification,
} from "../../runtime/amqp/index.js";
import { GUIDE_JSON, GUIDE_XML } from "./guide-messages.js";

/** The notification headers (Table 10-1) vCD would set on that message. */
const HEADERS = {
  "notification.type": "com/vmware/vcloud/event/blockingtask/create",
  "notification.entityType": "blockingTask",
  "notification.entityUUID": "25",
  "notification.orgUUID": "70",
  "notification.userUUID": "44",
  "notification.operationSuccess": "true",
};

const bad = (run: () => unknown): VcdAmqpError => {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(VcdAmqpError);
    expect((error as VcdAmqpError).kind).toBe("bad-message");
    return error as VcdAmqpError;
  }
  throw new Error("expected a VcdAmqpError");
};

describe("readNotification: the XML form (vmext:Notification)", () => {
  it("reads the guide's example: type, eventId, timestamp, success, every EntityLink, the resolver", () => {
    const n = readNotification(GUIDE_XML, {
      contentType: "application/xml",
      headers: HEADERS,
    });
    expect(n).toMatchObject({
      form: "xml",
      eventId: "a1440dd8-60ae-46c7-b216-44693bc00c90",
      type: "com/vmware/vcloud/event/blockingtask/create",
      timestamp: "2011-06-18T14:33:27.787+03:00",
      operationSuccess: true,
      entity: "urn:vcloud:blockingTask:25",
      user: "urn:vcloud:user:44",
      org: "urn:vcloud:org:70",
      task: "urn:vcloud:task:34",
      taskOwner: "urn:vcloud:vapp:26",
      entityName: "vdcComposeVapp",
      entityResolver: "https://vcloud.example.com/api/entity/",
    });
    expect(n.entityLinks).toEqual([
      {
        rel: "entity",
        type: "vcloud:blockingTask",
        name: "vdcComposeVapp",
        id: "urn:vcloud:blockingTask:25",
      },
      {
        rel: "down",
        type: "vcloud:user",
        name: "vcloud",
        id: "urn:vcloud:user:44",
      },
      {
        rel: "up",
        type: "vcloud:org",
        name: "Default",
        id: "urn:vcloud:org:70",
      },
      {
        rel: "task",
        type: "vcloud:task",
        name: "vdcComposeVapp",
        id: "urn:vcloud:task:34",
      },
      { rel: "task:owner", type: "vcloud:vapp", id: "urn:vcloud:vapp:26" },
    ]);
    expect(n.links).toEqual([
      { rel: "entityResolver", href: "https://vcloud.example.com/api/entity/" },
    ]);
    expect(Date.parse(n.timestamp)).toBe(
      Date.UTC(2011, 5, 18, 11, 33, 27, 787),
    );
  });

  it("the body decides the form when the message has no content type; bytes are read as UTF-8", () => {
    const n = readNotification(new TextEncoder().encode(GUIDE_XML));
    expect(n.form).toBe("xml");
    expect(n.operationSuccess).toBe(true);
  });

  it("another prefix, or the default namespace, is the same element; false and 0 are failures", () => {
    const plain = GUIDE_XML.replaceAll("vmext:", "").replace(
      'xmlns:vmext="',
      'xmlns="',
    );
    const n = readNotification(
      plain.replace(
        "<OperationSuccess>true</OperationSuccess>",
        "<OperationSuccess>0</OperationSuccess>",
      ),
    );
    expect(n).toMatchObject({ form: "xml", operationSuccess: false });
    expect(n.entityLinks).toHaveLength(5);
  });

  it("an element of another namespace (a VCloudExtension) is passed over", () => {
    const withExtension = GUIDE_XML.replace(
      "<vmext:Timestamp>",
      '<vcloud:VCloudExtension xmlns:vcloud="http://www.vmware.com/vcloud/v1.5" required="false"/>\n<vmext:Timestamp>',
    );
    expect(readNotification(withExtension).eventId).toBe(
      "a1440dd8-60ae-46c7-b216-44693bc00c90",
    );
  });

  it.each([
    [
      "another root element",
      GUIDE_XML.replaceAll("vmext:Notification", "vmext:Note"),
      /root element is \{http:\/\/www\.vmware\.com\/vcloud\/extension\/v1\.5\}Note, not vmext:Notification/,
    ],
    [
      "no type attribute",
      GUIDE_XML.replace(
        'type="com/vmware/vcloud/event/blockingtask/create"',
        "",
      ),
      /vmext:Notification has no type attribute/,
    ],
    [
      "no Timestamp",
      GUIDE_XML.replace(/<vmext:Timestamp>.*<\/vmext:Timestamp>/, ""),
      /has no vmext:Timestamp/,
    ],
    [
      "OperationSuccess not a boolean",
      GUIDE_XML.replace(">true<", ">yes<"),
      /vmext:OperationSuccess is "yes", not a boolean/,
    ],
    [
      "an EntityLink without id",
      GUIDE_XML.replace('id="urn:vcloud:user:44"', ""),
      /vmext:Notification\/vmext:EntityLink has no id attribute/,
    ],
    ["not XML", "<vmext:Notification", /the body is not XML/],
  ])("%s: a bad-message error saying so", (_, body, message) => {
    expect(
      bad(() => readNotification(body, { contentType: "text/xml" })).message,
    ).toMatch(message);
  });
});

describe("readNotification: the JSON form", () => {
  it("reads the guide's example into the same value as the XML one (but names and the resolver)", () => {
    const json = readNotification(GUIDE_JSON, {
      contentType: "application/json",
      headers: HEADERS,
    });
    const xml = readNotification(GUIDE_XML, { headers: HEADERS });
    const common = (n: Notification) => ({
      eventId: n.eventId,
      type: n.type,
      timestamp: n.timestamp,
      operationSuccess: n.operationSuccess,
      entity: n.entity,
      user: n.user,
      org: n.org,
      task: n.task,
      taskOwner: n.taskOwner,
      links: n.entityLinks.map(({ rel, type, id }) => ({ rel, type, id })),
      headers: n.headers,
    });
    expect(json.form).toBe("json");
    expect(common(json)).toEqual(common(xml));
    expect(json.details).toEqual({});
    expect(json.entityResolver).toBeUndefined();
  });

  it("keeps the fields it does not name in details; entityName is read", () => {
    const n = readNotification(
      JSON.stringify({
        ...JSON.parse(GUIDE_JSON),
        entityName: "web",
        operationName: "vdcComposeVapp",
      }),
    );
    expect(n.entityName).toBe("web");
    expect(n.details).toEqual({ operationName: "vdcComposeVapp" });
  });

  it("a type the guide does not list comes through as it is", () => {
    const n = readNotification(
      GUIDE_JSON.replace("blockingtask/create", "widget/explode"),
    );
    expect(n.type).toBe("com/vmware/vcloud/event/widget/explode");
  });

  it.each([
    [
      "the guide's text as printed (the missing comma)",
      GUIDE_JSON.replace('25",', '25"'),
      /the body is not JSON/,
    ],
    ["an array", "[]", /the JSON body is not an object/],
    ["no eventId", GUIDE_JSON.replace(/"eventId".*\n/, ""), /has no "eventId"/],
    [
      "operationSuccess as a string",
      GUIDE_JSON.replace(": true", ': "true"'),
      /"operationSuccess" is "true", not true or false/,
    ],
    [
      "a URN that is a number",
      GUIDE_JSON.replace('"urn:vcloud:org:70"', "70"),
      /"org" is a number, not a string/,
    ],
  ])("%s: a bad-message error saying so", (_, body, message) => {
    expect(
      bad(() => readNotification(body, { contentType: "application/json" }))
        .message,
    ).toMatch(message);
  });

  it("a body that is not UTF-8 is refused", () => {
    expect(
      bad(() => readNotification(new Uint8Array([0x7b, 0xff, 0x7d]))).message,
    ).toMatch(/not UTF-8/);
  });
});

describe("readNotificationHeaders (Table 10-1)", () => {
  it("reads each header vCD sets, bytes as amqplib gives long strings, and keeps the others", () => {
    expect(
      readNotificationHeaders({
        ...HEADERS,
        "notification.entityUUID": new TextEncoder().encode("25"),
        "notification.operationSuccess": false,
        "notification.extra": "x",
        "x-other": "not a notification header",
      }),
    ).toEqual({
      type: "com/vmware/vcloud/event/blockingtask/create",
      entityType: "blockingTask",
      entityUUID: "25",
      orgUUID: "70",
      userUUID: "44",
      operationSuccess: false,
      other: { extra: "x" },
    });
    expect(readNotificationHeaders(undefined)).toEqual({ other: {} });
  });
});

describe("NOTIFICATION_TYPES", () => {
  it("holds the guide's Table 10-2 and the vCAT use cases' types, each once, each under the prefix", () => {
    const table102 = [
      "session/login",
      "user/import",
      "user/remove",
      "user/modify",
      "user/lockout",
      "user/unlock",
      "user/lock_expired",
      "user/create",
      "user/delete",
      "group/import",
      "group/remove",
      "role/create",
    ];
    const vcat = [
      "vapp/create_request",
      "vm/create_request",
      "task/create",
      "blockingtask/create",
      "blockingtask/abort",
      "blockingtask/fail",
      "vapp/modify",
      "vm/create",
      "vm/delete",
      "task/abort",
      "vapp/create",
    ];
    const listed = new Set<string>(NOTIFICATION_TYPES);
    expect(listed.size).toBe(NOTIFICATION_TYPES.length);
    for (const type of [...table102, ...vcat])
      expect(listed.has(`${EVENT_TYPE_PREFIX}${type}`), type).toBe(true);
    expect(
      NOTIFICATION_TYPES.filter((t) => !t.startsWith(EVENT_TYPE_PREFIX)),
    ).toEqual([]);
  });
});
