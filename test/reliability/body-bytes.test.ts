/**
 * A body's bytes as vCD reads them (Xerces through JAXB): decoded as its XML declaration says
 * (ISO-8859-1 stored as the characters sent), invalid UTF-8 a 400 in Xerces' words instead of U+FFFD
 * stored, an unknown encoding refused; child elements inside an `xs:string` and attributes the type
 * does not declare refused as Xerces refuses them instead of silently dropped (while an attribute of
 * another namespace, which vCD's types allow by their `anyAttribute`, is accepted).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { ACCEPT } from "../simulator/helpers/http.js";
import { VCLOUD_NS, type UserSession } from "../simulator/helpers/session.js";
import { errorOf, newVApp, sessionOf, startWith } from "./helpers/simulator.js";

const XSI = "http://www.w3.org/2001/XMLSchema-instance";
const VALUE_MT = "application/vnd.vmware.vcloud.metadata.value+xml";
const JAXB = "Bad Request - Unexpected JAXB Exception - ";
const MALFORMED = `${JAXB}com.sun.org.apache.xerces.internal.impl.io.MalformedByteSequenceException: `;

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
let vapp: string;

beforeAll(async () => {
  ({ sim, pkg } = await startWith({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
  vapp = await newVApp(admin, "bytes");
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const value = (v: string, rootAttributes = "", prolog = "") =>
  `${prolog}<MetadataValue xmlns="${VCLOUD_NS}" xmlns:xsi="${XSI}"${rootAttributes}><TypedValue xsi:type="MetadataStringValue"><Value>${v}</Value></TypedValue></MetadataValue>`;

/** PUTs raw bytes as a metadata value. */
async function put(key: string, bytes: Buffer | string) {
  const response = await fetch(`${vapp}/metadata/${key}`, {
    method: "PUT",
    headers: {
      Accept: ACCEPT,
      "Content-Type": VALUE_MT,
      "x-vcloud-authorization": admin.headers["x-vcloud-authorization"],
    },
    body: typeof bytes === "string" ? bytes : new Uint8Array(bytes),
    signal: AbortSignal.timeout(10_000),
  });
  return { status: response.status, body: await response.text() };
}

const stored = async (key: string) => {
  const doc = await admin.get(
    `${vapp}/metadata/${key}`,
    "vcloud:MetadataValue",
  );
  return (doc.TypedValue as { Value: string }).Value;
};

async function accepted(key: string, bytes: Buffer | string) {
  const r = await put(key, bytes);
  expect(r.status, r.body).toBe(202);
  const task = await admin.waitFor(pkg.fromXml(r.body).value as never);
  expect(task.status).toBe("success");
}

function refused(r: { status: number; body: string }) {
  expect(r.status, r.body).toBe(400);
  const error = errorOf(pkg, r.body);
  expect(error.minor).toBe("BAD_REQUEST");
  return error.message;
}

describe("the bytes of a body", () => {
  it("decodes a body declared ISO-8859-1 as ISO-8859-1 (and UTF-8, declared or not, with a byte order mark)", async () => {
    const text = value(
      "Café Zürich ±½",
      "",
      `<?xml version="1.0" encoding="ISO-8859-1"?>`,
    );
    await accepted("latin1", Buffer.from(text, "latin1"));
    expect(await stored("latin1")).toBe("Café Zürich ±½");
    await accepted("utf8", Buffer.from(value("Café ✓"), "utf8"));
    expect(await stored("utf8")).toBe("Café ✓");
    const bom = Buffer.concat([
      Buffer.from([0xef, 0xbb, 0xbf]),
      Buffer.from(value("bom ✓", "", `<?xml version="1.0" encoding="UTF-8"?>`)),
    ]);
    await accepted("bom", bom);
    expect(await stored("bom")).toBe("bom ✓");
  });

  it("refuses invalid UTF-8 in Xerces' words instead of storing U+FFFD", async () => {
    const bytes = (b: number[]) =>
      Buffer.concat([
        Buffer.from(value("x").split("x<")[0], "utf8"),
        Buffer.from(b),
        Buffer.from(`<${value("x").split("x<")[1]}`, "utf8"),
      ]);
    expect(refused(await put("bad", bytes([0xff])))).toBe(
      `${MALFORMED}Invalid byte 1 of 1-byte UTF-8 sequence.`,
    );
    expect(refused(await put("bad", bytes([0x80])))).toBe(
      `${MALFORMED}Invalid byte 1 of 1-byte UTF-8 sequence.`,
    );
    // Latin-1 sent without a declaration: é (0xE9) announces 3 bytes, "<" is not one.
    expect(
      refused(await put("bad", Buffer.from(value("Caf\u00e9"), "latin1"))),
    ).toBe(`${MALFORMED}Invalid byte 2 of 3-byte UTF-8 sequence.`);
    expect((await admin.send("GET", `${vapp}/metadata/bad`)).status).toBe(403);
  });

  it("refuses an encoding Xerces does not know", async () => {
    const text = value("x", "", `<?xml version="1.0" encoding="X-NOPE"?>`);
    expect(refused(await put("enc", text))).toBe(
      `${JAXB}org.xml.sax.SAXParseException: Invalid encoding name "X-NOPE".`,
    );
  });
});

describe("content the reader would drop", () => {
  it("refuses a child element inside an xs:string (cvc-type.3.1.2)", async () => {
    expect(refused(await put("child", value("a<b>c</b>d")))).toBe(
      `${JAXB}cvc-type.3.1.2: Element 'Value' is a simple type, so it must have no element information item [children].`,
    );
  });

  it("refuses an attribute on an element of a simple type (cvc-type.3.1.1)", async () => {
    const body = value("x").replace("<Value>", '<Value lang="en">');
    expect(refused(await put("simple-attr", body))).toContain(
      "cvc-type.3.1.1: Element 'Value' is a simple type, so it cannot have attributes",
    );
  });

  it("refuses an attribute the type does not declare (cvc-complex-type.3.2.2), not one of another namespace (anyAttribute ##other)", async () => {
    expect(refused(await put("attr", value("x", ' color="red"')))).toBe(
      `${JAXB}cvc-complex-type.3.2.2: Attribute 'color' is not allowed to appear in element 'MetadataValue'.`,
    );
    const nested = value("x").replace(
      '<TypedValue xsi:type="MetadataStringValue">',
      '<TypedValue xsi:type="MetadataStringValue" size="3">',
    );
    expect(refused(await put("attr", nested))).toBe(
      `${JAXB}cvc-complex-type.3.2.2: Attribute 'size' is not allowed to appear in element 'TypedValue'.`,
    );
    await accepted(
      "other-ns",
      value(
        "ok",
        ' xmlns:x="urn:example" x:color="red" xsi:schemaLocation="a b"',
      ),
    );
    expect(await stored("other-ns")).toBe("ok");
  });
});
