/**
 * The XSD set served as vCD serves it: `/api/v1.5/schema/{file}` and
 * `/api/versions/schema/versions.xsd`, the files' own bytes, without login; 404 (a vCD Error) for a
 * name the set does not hold, or when the simulator was given no schema folder.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startSimulator,
  type Simulator,
} from "../../simulator/index.js";
import { VCD_API_DIR } from "../helpers/vcd-inputs.js";
import { simulatorBinding } from "./helpers/binding.js";

const XSD = join(VCD_API_DIR, "xsd");
let sim: Simulator;
let bare: Simulator;

beforeAll(async () => {
  const { binding } = await simulatorBinding();
  sim = await startSimulator(binding, { schemaDir: XSD });
  bare = await startSimulator(binding);
}, 60_000);

afterAll(async () => {
  await sim?.close();
  await bare?.close();
});

async function bytes(url: string) {
  const r = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  return {
    status: r.status,
    type: r.headers.get("content-type"),
    body: Buffer.from(await r.arrayBuffer()),
  };
}

describe("the XSD set under /api/v1.5/schema/", () => {
  it("master.xsd is the file's bytes, without login or Accept", async () => {
    const r = await bytes(`${sim.url}/v1.5/schema/master.xsd`);
    expect(r.status).toBe(200);
    expect(r.type).toBe("application/xml");
    expect(
      r.body.equals(
        readFileSync(join(XSD, "rest-api/1.5/schemas/master/master.xsd")),
      ),
    ).toBe(true);
  });

  it("every schema of the 1.5 folders by its file name (vcloud/ first where two share a name)", async () => {
    for (const [name, file] of [
      ["vApp.xsd", "vcloud/vApp.xsd"],
      ["admin.xsd", "admin/admin.xsd"],
      ["vmwextensions.xsd", "extension/vmwextensions.xsd"],
      ["services.xsd", "vcloud/services.xsd"],
    ]) {
      const r = await bytes(`${sim.url}/v1.5/schema/${name}`);
      expect(r.status, name).toBe(200);
      expect(
        r.body.equals(readFileSync(join(XSD, "rest-api/1.5/schemas", file))),
        name,
      ).toBe(true);
    }
  });

  it("the versions schema at /api/versions/schema/versions.xsd", async () => {
    const r = await bytes(`${sim.url}/versions/schema/versions.xsd`);
    expect(r.status).toBe(200);
    expect(
      r.body.equals(
        readFileSync(join(XSD, "rest-api/schemas/versioning/versions.xsd")),
      ),
    ).toBe(true);
  });

  it("404 with a vCD Error for a name the set does not hold, and for every schema without schemaDir", async () => {
    for (const url of [
      `${sim.url}/v1.5/schema/nothing.xsd`,
      `${bare.url}/v1.5/schema/master.xsd`,
      `${bare.url}/versions/schema/versions.xsd`,
    ]) {
      const r = await bytes(url);
      expect(r.status, url).toBe(404);
      expect(r.type).toBe(
        "application/vnd.vmware.vcloud.error+xml;version=30.0",
      );
      expect(r.body.toString()).toContain(
        'minorErrorCode="RESOURCE_NOT_FOUND"',
      );
    }
  });
  it("serves every file by its folder path too, so relative includes resolve on the server", async () => {
    const get = async (path: string) => {
      const res = await fetch(`${sim.url}${path}`);
      return { status: res.status, text: await res.text() };
    };
    const flat = await get("/v1.5/schema/services.xsd");
    const extension = await get("/v1.5/schema/extension/services.xsd");
    expect(extension.status).toBe(200);
    expect(extension.text).toContain(
      "http://www.vmware.com/vcloud/extension/v1.5",
    );
    expect(extension.text).not.toBe(flat.text);
    // master.xsd's `../vcloud/vcloud.xsd`, from the flat and from the folder path.
    expect((await get("/v1.5/vcloud/vcloud.xsd")).status).toBe(200);
    expect((await get("/v1.5/schema/vcloud/vcloud.xsd")).status).toBe(200);
    expect((await get("/schemas/external/ovf1.1/ovf-vmware.xsd")).status).toBe(
      200,
    );
    expect((await get("/v1.5/schema/vcloud/../../secret.xsd")).status).toBe(
      404,
    );
  });
});
