/** Each refusal of the simulator, triggered with raw HTTP: 401, 403, 404, 405, 406, 415 and 400. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  startSimulator,
  type Simulator,
} from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { simulatorBinding } from "./helpers/binding.js";
import { ACCEPT, basic, login, raw, type RawResponse } from "./helpers/http.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: Record<string, string>;
let orgAdmin: Record<string, string>;
let vappUser: Record<string, string>;

beforeAll(async () => {
  const loaded = await simulatorBinding();
  pkg = loaded.pkg;
  sim = await startSimulator(loaded.binding, {
    taskStepMs: 5,
    recordBodies: true,
  });
  const [sys, acmeAdmin] = sim.users;
  admin = await login(sim.url, sys);
  orgAdmin = await login(sim.url, acmeAdmin);
  vappUser = await login(
    sim.url,
    sim.users.find((u) => u.role === "vApp User")!,
  );
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

/** The Error document of a refusal: status, minor code and message. */
function error(r: RawResponse) {
  expect(r.headers.get("content-type")).toBe(
    "application/vnd.vmware.vcloud.error+xml;version=30.0",
  );
  const doc = pkg.fromXml(r.body);
  expect(doc.element).toBe("vcloud:Error");
  const value = doc.value as {
    majorErrorCode: number;
    minorErrorCode: string;
    message: string;
  };
  expect(value.majorErrorCode).toBe(r.status);
  return value;
}

async function firstOrgHref(headers: Record<string, string>): Promise<string> {
  const list = pkg.fromXml((await raw(`${sim.url}/org`, { headers })).body)
    .value as {
    Org: { href: string; name: string }[];
  };
  return list.Org.find((o) => o.name === "acme")!.href;
}

describe("simulator refusals", () => {
  it("lists the users: the system administrator first, then a tenant Organization Administrator", () => {
    expect(sim.users[0]).toMatchObject({
      org: "System",
      role: "System Administrator",
    });
    expect(sim.users[1]).toMatchObject({
      org: "acme",
      role: "Organization Administrator",
    });
    expect(sim.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/api$/);
  });

  it("404 for an unknown path, 405 for a known path with another method", async () => {
    const unknown = await raw(`${sim.url}/no/such/thing`, { headers: admin });
    expect(unknown.status).toBe(404);
    expect(error(unknown).minorErrorCode).toBe("RESOURCE_NOT_FOUND");
    const wrong = await raw(`${sim.url}/org`, {
      method: "DELETE",
      headers: admin,
    });
    expect(wrong.status).toBe(405);
    expect(wrong.headers.get("allow")).toBe("GET");
    expect(error(wrong).minorErrorCode).toBe("METHOD_NOT_ALLOWED");
  });

  it("406 for a missing or unsupported version in Accept", async () => {
    const token = admin["x-vcloud-authorization"];
    for (const accept of [
      undefined,
      "application/*+xml",
      "application/*+xml;version=5.1",
    ]) {
      const r = await raw(`${sim.url}/org`, {
        headers: {
          "x-vcloud-authorization": token,
          ...(accept ? { Accept: accept } : {}),
        },
      });
      expect(r.status).toBe(406);
      const e = error(r);
      expect(e.minorErrorCode).toBe("NOT_ACCEPTABLE");
      expect(e.message).toContain("Supported API versions are: [30.0]");
    }
    const versions = await raw(`${sim.url}/versions`);
    expect(versions.status).toBe(200);
  });

  it("401 without a token, with a bad token, with bad credentials, and after logout", async () => {
    expect(
      (await raw(`${sim.url}/org`, { headers: { Accept: ACCEPT } })).status,
    ).toBe(401);
    const bad = await raw(`${sim.url}/org`, {
      headers: { Accept: ACCEPT, "x-vcloud-authorization": "nope" },
    });
    expect(bad.status).toBe(401);
    expect(error(bad).minorErrorCode).toBe("UNAUTHORIZED");
    const noHeader = await raw(`${sim.url}/sessions`, {
      method: "POST",
      headers: { Accept: ACCEPT },
    });
    expect(noHeader.status).toBe(401);
    const wrong = await raw(`${sim.url}/sessions`, {
      method: "POST",
      headers: {
        Accept: ACCEPT,
        Authorization: basic("administrator@System", "wrong"),
      },
    });
    expect(wrong.status).toBe(401);
    const session = await login(sim.url, sim.users[0]);
    const bearer = {
      Accept: ACCEPT,
      Authorization: `Bearer ${session["x-vcloud-authorization"]}`,
    };
    expect((await raw(`${sim.url}/org`, { headers: bearer })).status).toBe(200);
    expect(
      (await raw(`${sim.url}/session`, { method: "DELETE", headers: session }))
        .status,
    ).toBe(204);
    expect((await raw(`${sim.url}/org`, { headers: session })).status).toBe(
      401,
    );
  });

  it("401 once a token has been idle longer than the timeout", async () => {
    const loaded = await simulatorBinding();
    // 2 s: a window a request just after the login falls in even on a loaded machine (50 ms did
    // not, under a load of 15 on 2 cores).
    const short = await startSimulator(loaded.binding, {
      tokenIdleTimeout: 2_000,
    });
    try {
      const headers = await login(short.url, short.users[0]);
      expect((await raw(`${short.url}/org`, { headers })).status).toBe(200);
      await new Promise((r) => setTimeout(r, 2_500));
      expect((await raw(`${short.url}/org`, { headers })).status).toBe(401);
    } finally {
      await short.close();
    }
  });

  it("403 for admin operations without the Organization Administrator role, and for extension ones without the system administrator", async () => {
    const orgHref = await firstOrgHref(admin);
    const orgId = orgHref.slice(orgHref.lastIndexOf("/") + 1);
    const asUser = await raw(`${sim.url}/admin/org/${orgId}`, {
      headers: vappUser,
    });
    expect(asUser.status).toBe(403);
    expect(error(asUser).minorErrorCode).toBe(
      "ACCESS_TO_RESOURCE_IS_FORBIDDEN",
    );
    expect(
      (await raw(`${sim.url}/admin/org/${orgId}`, { headers: orgAdmin }))
        .status,
    ).toBe(200);
    expect(
      (await raw(`${sim.url}/admin/org/${orgId}`, { headers: admin })).status,
    ).toBe(200);
    const ext = await raw(`${sim.url}/admin/extension/settings`, {
      headers: orgAdmin,
    });
    expect(ext.status).toBe(403);
    expect(
      (await raw(`${sim.url}/admin/extension/settings`, { headers: admin }))
        .status,
    ).toBeLessThan(300);
    const globex = sim.users.find((u) => u.org === "globex")!;
    const otherAdmin = await login(sim.url, globex);
    expect(
      (await raw(`${sim.url}/admin/org/${orgId}`, { headers: otherAdmin }))
        .status,
    ).toBe(403);
    expect((await raw(orgHref, { headers: otherAdmin })).status).toBe(403);
  });

  it("415 for a body of another media type (the media type compared case-insensitively)", async () => {
    const vdc = await vdcHref();
    const body = instantiateBody(
      "x",
      "https://x/api/vAppTemplate/vappTemplate-1",
    );
    const r = await raw(`${vdc}/action/instantiateVAppTemplate`, {
      method: "POST",
      headers: { ...orgAdmin, "Content-Type": "application/xml" },
      body,
    });
    expect(r.status).toBe(415);
    expect(error(r).minorErrorCode).toBe("UNSUPPORTED_MEDIA_TYPE");
    const upper = await raw(`${vdc}/action/instantiateVAppTemplate`, {
      method: "POST",
      headers: {
        ...orgAdmin,
        "Content-Type":
          "application/VND.vmware.vcloud.instantiateVAppTemplateParams+XML",
      },
      body,
    });
    expect(upper.status).not.toBe(415);
  });

  it("400 naming the element out of order, an unknown element, a missing one, or malformed XML", async () => {
    const vdc = await vdcHref();
    const post = (body: string) =>
      raw(`${vdc}/action/instantiateVAppTemplate`, {
        method: "POST",
        headers: {
          ...orgAdmin,
          "Content-Type":
            "application/vnd.vmware.vcloud.instantiateVAppTemplateParams+xml",
        },
        body,
      });
    const ns = `xmlns="http://www.vmware.com/vcloud/v1.5"`;
    const source = `<Source href="${sim.url}/vAppTemplate/vappTemplate-1"/>`;
    const outOfOrder = await post(
      `<InstantiateVAppTemplateParams ${ns} name="a">${source}<Description>d</Description></InstantiateVAppTemplateParams>`,
    );
    expect(outOfOrder.status).toBe(400);
    const e = error(outOfOrder);
    expect(e.minorErrorCode).toBe("BAD_REQUEST");
    expect(e.message).toContain(
      "cvc-complex-type.2.4.a: Invalid content was found starting with element 'Description'.",
    );
    expect(e.message).toContain(
      '"http://www.vmware.com/vcloud/v1.5":IsSourceDelete',
    );

    const unknown = error(
      await post(
        `<InstantiateVAppTemplateParams ${ns} name="a">${source}<Bogus/></InstantiateVAppTemplateParams>`,
      ),
    );
    expect(unknown.message).toContain(
      "Invalid content was found starting with element 'Bogus'",
    );

    const missing = error(
      await post(
        `<InstantiateVAppTemplateParams ${ns} name="a"><Description>d</Description></InstantiateVAppTemplateParams>`,
      ),
    );
    expect(missing.message).toContain(
      "cvc-complex-type.2.4.b: The content of element 'InstantiateVAppTemplateParams' is not complete.",
    );
    expect(missing.message).toContain(
      '"http://www.vmware.com/vcloud/v1.5":Source',
    );

    const badValue = await post(
      `<InstantiateVAppTemplateParams ${ns} name="a" powerOn="maybe">${source}</InstantiateVAppTemplateParams>`,
    );
    expect(badValue.status).toBe(400);
    expect(error(badValue).message).toContain("powerOn");

    const malformed = await post(
      `<InstantiateVAppTemplateParams ${ns}><Source></InstantiateVAppTemplateParams>`,
    );
    expect(malformed.status).toBe(400);
    expect(error(malformed).minorErrorCode).toBe("BAD_REQUEST");

    const wrongRoot = error(await post(`<VApp ${ns} name="a"/>`));
    expect(wrongRoot.message).toContain("unexpected element");
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});

async function vdcHref(): Promise<string> {
  const org = pkg.fromXml(
    (await raw(await firstOrgHref(orgAdmin), { headers: orgAdmin })).body,
  ).value as {
    Link: { rel: string; type?: string; href: string }[];
  };
  return org.Link.find(
    (l) => l.type === "application/vnd.vmware.vcloud.vdc+xml",
  )!.href;
}

function instantiateBody(name: string, template: string): string {
  return `<InstantiateVAppTemplateParams xmlns="http://www.vmware.com/vcloud/v1.5" name="${name}"><Source href="${template}"/></InstantiateVAppTemplateParams>`;
}
