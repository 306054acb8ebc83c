/**
 * The guide's "Retrieve or Modify System Settings" through the generated 30.0 package: the system
 * administrator reads each settings document, PUTs it changed and reads back what was PUT (general,
 * email, LDAP, licence), `SystemSettings` holds them as kept, `reset()` forgets them; an
 * organization administrator is refused (403). Every body sent valid (libxml2).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadPackage } from "../../helpers/generated-packages.js";
import { expectAllValid } from "../helpers/valid-bodies.js";
import {
  clientAs,
  startWorkflow,
  type Value,
  type Workflow,
} from "./harness.js";

let w: Workflow;
beforeAll(async () => {
  w = await startWorkflow();
  await w.loginAs("System Administrator");
}, 60_000);
afterAll(() => w?.close());

/** Reads the document, PUTs it with `change`, and answers the PUT's answer and a new GET's. */
async function roundTrip(get: string, put: string, change: Value) {
  const before = (await w.call(get)).value;
  const answer = await w.call(
    put,
    { href: before.href },
    { ...before, ...change },
  );
  expect(answer.status).toBe(200);
  const after = (await w.call(get)).value;
  return { before, answer: answer.value, after };
}

describe("system settings keep what is PUT", () => {
  it("general settings", async () => {
    const { answer, after } = await roundTrip(
      "getExtensionSettingsGeneral",
      "updateExtensionSettingsGeneral",
      { AbsoluteSessionTimeoutMinutes: 480, ActivityLogKeepDays: 45 },
    );
    expect(answer).toMatchObject({
      AbsoluteSessionTimeoutMinutes: 480,
      ActivityLogKeepDays: 45,
    });
    expect(after).toMatchObject({
      AbsoluteSessionTimeoutMinutes: 480,
      ActivityLogKeepDays: 45,
    });
  });

  it("email settings, with their SMTP server", async () => {
    const before = (await w.call("getExtensionSettingsEmail")).value;
    const { after } = await roundTrip(
      "getExtensionSettingsEmail",
      "updateExtensionSettingsEmail",
      {
        SenderEmailAddress: "vcd@example.com",
        AlertEmailToAllAdmins: false,
        AlertEmailTo: "ops@example.com",
        SmtpSettings: {
          ...before.SmtpSettings,
          SmtpServerName: "smtp.example.com",
          SmtpServerPort: 587,
        },
      },
    );
    expect(after).toMatchObject({
      SenderEmailAddress: "vcd@example.com",
      AlertEmailTo: "ops@example.com",
      SmtpSettings: { SmtpServerName: "smtp.example.com", SmtpServerPort: 587 },
    });
  });

  it("LDAP settings", async () => {
    const { after } = await roundTrip("getLdapSettings", "updateLdapSettings", {
      HostName: "ldap.example.com",
      Port: 636,
      IsSsl: true,
      SearchBase: "dc=example,dc=com",
    });
    expect(after).toMatchObject({
      HostName: "ldap.example.com",
      Port: 636,
      IsSsl: true,
      SearchBase: "dc=example,dc=com",
    });
  });

  it("the licence", async () => {
    const { after } = await roundTrip("getLicense", "updateLicense", {
      SerialNumber: "AAAAA-BBBBB-CCCCC-DDDDD-EEEEE",
    });
    expect(after.SerialNumber).toBe("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE");
  });

  it("SystemSettings holds each as kept", async () => {
    const all = (await w.call("getExtensionSettings")).value;
    expect(all.GeneralSettings.AbsoluteSessionTimeoutMinutes).toBe(480);
    expect(all.EmailSettings.SmtpSettings.SmtpServerName).toBe(
      "smtp.example.com",
    );
    expect(all.LdapSettings.HostName).toBe("ldap.example.com");
    expect(all.License.SerialNumber).toBe("AAAAA-BBBBB-CCCCC-DDDDD-EEEEE");
  });

  it("refuses an organization administrator (403), reading or changing", async () => {
    const admin = w.sim.users.find(
      (u) => u.role === "Organization Administrator",
    )!;
    const client = await clientAs(w, admin);
    await expect(
      w.pkg.api.getExtensionSettingsGeneral(client),
    ).rejects.toMatchObject({ name: "VcdApiError", status: 403 });
    const general = (await w.call("getExtensionSettingsGeneral")).value;
    await expect(
      w.pkg.api.updateExtensionSettingsGeneral(
        client,
        { href: general.href },
        { ...general, AbsoluteSessionTimeoutMinutes: 1 },
      ),
    ).rejects.toMatchObject({ status: 403 });
    expect(
      (await w.call("getExtensionSettingsGeneral")).value
        .AbsoluteSessionTimeoutMinutes,
    ).toBe(480);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(await loadPackage("30.0"), w.sim.sentBodies!);
  });

  it("reset() forgets them", async () => {
    w.sim.reset();
    await w.loginAs("System Administrator");
    const general = (await w.call("getExtensionSettingsGeneral")).value;
    expect(general.AbsoluteSessionTimeoutMinutes).not.toBe(480);
  });
});
