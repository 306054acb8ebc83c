/**
 * The simulator reads a request's body only once the request is authenticated and allowed, and the
 * body may take its time to come: what was checked before it (the session, the entities, the right,
 * the access level) is checked again once it has come, so that nothing a client lost meanwhile is
 * still granted. A body is sent in two parts here, and between them the vApp is shared at a lower
 * level, or the session ends.
 */
import { request } from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";
import {
  acmeVApp,
  shareVApp,
  startTwoTenants,
  type TwoTenants,
} from "../simulator/helpers/two-tenants.js";

const VAPP = "application/vnd.vmware.vcloud.vApp+xml";

let t: TwoTenants;
let admin: UserSession;
let author: UserSession;
let authorHref: string;

beforeAll(async () => {
  t = await startTwoTenants();
  admin = t.sessions["acme-admin"];
  author = t.sessions["acme-author"];
  const users = await admin.get("/query?type=user&filter=name==acme-author");
  authorHref = (users.Record as Entity[])[0].href;
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
});

const share = (vapp: Entity, level: string) =>
  shareVApp(admin, vapp, authorHref, level);

const sharedVApp = (name: string, level: string): Promise<Entity> =>
  acmeVApp(t, admin, name, { userHref: authorHref, level });

/**
 * Sends `body` to `href` as `PUT` with the author's headers, its first bytes at once and the rest
 * after `between()` has run; answers the status and the answer's text.
 */
function slowPut(
  href: string,
  body: string,
  between: () => Promise<void>,
): Promise<{ status: number; text: string }> {
  const url = new URL(href);
  return new Promise((resolve, reject) => {
    const req = request(
      {
        host: url.hostname,
        port: url.port,
        path: url.pathname,
        method: "PUT",
        headers: {
          ...author.headers,
          "Content-Type": VAPP,
          "Content-Length": Buffer.byteLength(body),
        },
        timeout: 10_000,
      },
      (res) => {
        let text = "";
        res.setEncoding("utf8");
        res.on("data", (chunk: string) => (text += chunk));
        res.on("end", () => resolve({ status: res.statusCode!, text }));
      },
    );
    req.on("error", reject);
    req.on("timeout", () => req.destroy(new Error("no answer in 10 s")));
    req.write(body.slice(0, 10));
    // The server is waiting for the rest of the body when `between` runs: give it the first part.
    setTimeout(() => {
      between().then(() => req.end(body.slice(10)), reject);
    }, 100);
  });
}

const rename = (name: string) =>
  `<VApp xmlns="${VCLOUD_NS}" name="${name}"><Description>d</Description></VApp>`;

describe("the checks made before a body are made again once it has come", () => {
  it("an access level lowered while the body comes: 403, the vApp unchanged", async () => {
    const vapp = await sharedVApp("slow-downgrade", "Change");
    const answer = await slowPut(vapp.href, rename("renamed"), async () => {
      await share(vapp, "ReadOnly");
    });
    expect(answer.status, answer.text).toBe(403);
    expect((await admin.get(vapp.href, "vcloud:VApp")).name).toBe(
      "slow-downgrade",
    );
  });

  it("the access level kept: the rename is accepted (202)", async () => {
    const vapp = await sharedVApp("slow-kept", "Change");
    const answer = await slowPut(vapp.href, rename("slow-kept-2"), async () => {
      expect((await admin.get(vapp.href, "vcloud:VApp")).name).toBe(
        "slow-kept",
      );
    });
    expect(answer.status, answer.text).toBe(202);
  });

  it("a session ended while the body comes: 401", async () => {
    const vapp = await sharedVApp("slow-logout", "Change");
    const answer = await slowPut(vapp.href, rename("renamed"), async () => {
      const out = await author.send("DELETE", "/session");
      expect(out.status).toBe(204);
    });
    expect(answer.status, answer.text).toBe(401);
    expect((await admin.get(vapp.href, "vcloud:VApp")).name).toBe(
      "slow-logout",
    );
  });
});
