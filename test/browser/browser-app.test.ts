/**
 * A browser app on the bare client, bundled for the browser (esbuild) and served by the simulator
 * beside its API (`staticDir`, same origin, as vCD serves UI plugins), run in headless Chromium
 * (Debian's `chromium`, driven by playwright-core): it logs in, lists the vApps, powers one on, waits
 * for the task, and reads the task's own XML with `readElement`. The test checks what the page shows
 * and what the simulator now holds; a screenshot is written to `test-results/browser/`.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { build } from "esbuild";
import { chromium, type Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import { waitForTasks } from "../../runtime/client/tasks.js";
import type { Simulator } from "../../simulator/binding.js";
import { writeTree } from "../helpers/inline-schema.js";
import {
  loadClientPackage,
  type ClientPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import { PROJECT_ROOT } from "../helpers/vcd-inputs.js";

type Value = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
const ARTIFACTS = join(PROJECT_ROOT, "test-results/browser");

/** The app, as a user would write it against the package's subpaths. */
function appSource(dist: string): string {
  const from = (module: string) => JSON.stringify(join(dist, module));
  return `import { createBareClient } from ${from("client.js")};
import { readElement, waitForTask } from ${from("index.js")};
import { getVAppsQuery, powerOn } from ${from("api/index.js")};
import { TaskSchema } from ${from("vcloud.js")};

const log = document.getElementById("log");
const say = (line) => { log.textContent += line + "\\n"; };
const params = new URLSearchParams(location.hash.slice(1));

async function main() {
  const client = createBareClient({ baseUrl: "/api", timeout: 10000 });
  const session = await client.login({ user: params.get("user"), org: params.get("org"), password: params.get("password") });
  say("logged in: " + session.element + " " + client.apiVersion);
  const page = await getVAppsQuery(client);
  const records = page.value.Record ?? [];
  say("vApps: " + records.map((r) => r.name + " " + r.status).join(", "));
  const off = records.find((r) => r.status === "POWERED_OFF");
  const task = await powerOn(client, { href: off.href });
  const done = await waitForTask(client, task.value, { interval: 20 });
  say("task: " + done.operationName + " " + done.status);
  // The task's own document, read with readElement (the raw XML, with the session's token).
  const raw = client.rawAccess(done.href);
  raw.headers.set("Accept", "application/*+xml;version=" + client.apiVersion);
  const xml = await (await raw.fetch(done.href, { headers: raw.headers })).text();
  const again = readElement(TaskSchema, xml);
  say("readElement: " + again.status + " " + again.Owner?.name);
  document.body.dataset.state = "done";
}
main().catch((error) => { say("failed: " + (error && error.stack || error)); document.body.dataset.state = "failed"; });
`;
}

let pkg: ClientPackage;
let sim: Simulator;
let client: VcdClient;
let browser: Browser | undefined;
let vappHref: string;

beforeAll(async () => {
  expect(
    existsSync(CHROMIUM),
    `Chromium at ${CHROMIUM} (Debian's chromium; .ci/run installs it)`,
  ).toBe(true);
  pkg = await loadClientPackage("30.0");
  const dist = join(inject("generatedDir"), "30.0", "dist");
  const site = writeTree({
    "index.html": `<!doctype html><meta charset="utf-8"><title>Hello vCloud</title><pre id="log"></pre><script type="module" src="app.js"></script>`,
  });
  const bundled = await build({
    stdin: { contents: appSource(dist), resolveDir: dist, loader: "js" },
    bundle: true,
    format: "esm",
    platform: "browser",
    target: "es2022",
    write: false,
    logLevel: "silent",
  });
  const text = bundled.outputFiles[0]!.text;
  expect(text).not.toMatch(/from\s*["']node:/);
  writeFileSync(join(site, "app.js"), text);
  sim = await pkg.startSimulator({ taskStepMs: 5, staticDir: site });
  client = pkg.createClient({ baseUrl: sim.url, timeout: 5_000 });
  await client.login(credentialsOf(tenantAdmin(sim)));
  const vdcs = await client.get(`${sim.url}/query?type=orgVdc`);
  const vdcHref = ((vdcs.value as Value).Record as Value[])[0].href as string;
  const items = await client.get(`${sim.url}/query?type=catalogItem`);
  const templateHref = ((items.value as Value).Record as Value[])[0].entity;
  const created = await pkg.api.instantiateVAppTemplate(
    client,
    { href: `${vdcHref}/action/instantiateVAppTemplate` },
    {
      name: "browser-vapp",
      Source: { href: templateHref },
      AllEULAsAccepted: true,
    },
  );
  const vapp = (await waitForTasks(client, created as never)) as Value;
  vappHref = vapp.href as string;
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ["--no-sandbox"],
    timeout: 60_000,
  });
}, 120_000);

afterAll(async () => {
  await browser?.close();
  await sim?.close();
});

describe("the bare client in a real browser", () => {
  it("logs in, lists vApps, powers one on, waits for its task and reads it with readElement", async () => {
    const page = await browser!.newPage();
    const errors: string[] = [];
    page.on("pageerror", (error) => errors.push(String(error)));
    const admin = tenantAdmin(sim);
    const origin = new URL(sim.url).origin;
    await page.goto(
      `${origin}/#${new URLSearchParams({ user: admin.name, org: admin.org, password: admin.password })}`,
      { timeout: 30_000 },
    );
    await page.waitForSelector("body[data-state]", { timeout: 60_000 });
    const state = await page.getAttribute("body", "data-state");
    const shown = await page.textContent("#log");
    mkdirSync(ARTIFACTS, { recursive: true });
    await page.screenshot({ path: join(ARTIFACTS, "hello-vcloud.png") });
    expect(errors).toEqual([]);
    expect(state, shown ?? "").toBe("done");
    expect(shown).toContain("logged in: vcloud:Session 30.0");
    expect(shown).toMatch(/vApps: .*browser-vapp POWERED_OFF/);
    expect(shown).toContain("task: vappPowerOn success");
    expect(shown).toMatch(/readElement: success browser-vapp/);
    // What the page did, seen from the server.
    const vapp = (await pkg.api.getVApp(client, { href: vappHref }))
      .value as Value;
    expect(vapp.status).toBe(4);
    expect(existsSync(join(ARTIFACTS, "hello-vcloud.png"))).toBe(true);
  }, 120_000);
});
