/**
 * Exploring a cloud through the generated client: versions, login, the org list, the admin view
 * (`GET /admin`), and the vSphere platform objects as system administrator (`/admin/extension`,
 * its vimServer references); then every body the simulator sent, validated by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import { startWorkflow, type Value, type Workflow } from "./harness.js";

let w: Workflow;
beforeAll(async () => {
  w = await startWorkflow({ versions: ["29.0", "30.0"] });
}, 60_000);
afterAll(() => w?.close());

describe("exploring a cloud through the client", () => {
  it("lists the versions it speaks, each with its login URL", async () => {
    const versions = await w.client.versions();
    const infos = (versions.value as Value).VersionInfo as Value[];
    expect(infos.map((i) => i.Version)).toEqual(["29.0", "30.0"]);
    for (const i of infos) expect(i.LoginUrl).toBe(`${w.sim.url}/sessions`);
    expect(w.sim.versions).toEqual(["29.0", "30.0"]);
  });

  it("logs in as system administrator and walks the org list, the admin view and the extension", async () => {
    const session = await w.loginAs("System Administrator");
    expect(session.org).toBe("System");
    const orgs = await w.call("getOrg");
    const names = (orgs.value.Org as Value[]).map((o) => o.name);
    expect(names).toContain("System");
    expect(names.length).toBeGreaterThan(1);
    const admin = await w.call(
      "getAdmin",
      w.link(session, "down", "application/vnd.vmware.admin.vcloud+xml"),
    );
    expect(admin.element).toBe("vcloud:VCloud");
    const extension = await w.call(
      "getAdminExtension",
      w.link(session, "down", "application/vnd.vmware.admin.vmwExtension+xml"),
    );
    expect(extension.element).toBe("vmext:VMWExtension");
    const vim = await w.call("getVimServerReferences");
    expect(vim.element).toBe("vmext:VMWVimServerReferences");
    await w.client.logout();
  });

  it("refuses the extension to a tenant administrator", async () => {
    await w.loginAs("Organization Administrator");
    await expect(w.call("getAdminExtension")).rejects.toMatchObject({
      status: 403,
    });
    await w.client.logout();
  });

  it("a 30.0-only client is refused by a 29.0-only server (406), and served at 29.0 otherwise", async () => {
    const only29 = await w.pkg.startSimulator({ versions: ["29.0"] });
    try {
      const res = await fetch(`${only29.url}/org`, {
        headers: { accept: "application/*+xml;version=30.0" },
      });
      expect(res.status).toBe(406);
      expect(await res.text()).toContain("[29.0]");
    } finally {
      await only29.close();
    }
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies);
  });
});
