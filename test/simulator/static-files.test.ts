/**
 * `staticDir`: a folder of static files served beside the API, as vCD serves UI plugins from its
 * own origin; nothing outside the folder, and the API as before.
 */
import { mkdirSync, symlinkSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/binding.js";
import { writeTree } from "../helpers/inline-schema.js";
import { loadClientPackage } from "../helpers/generated-packages.js";

let sim: Simulator;
let origin: string;

beforeAll(async () => {
  const dir = writeTree({
    "index.html": "<!doctype html><title>plugin</title>",
    "app/app.js": "console.log(1);\n",
    "app/style.css": "body{}\n",
  });
  const outside = writeTree({ "secret.txt": "not for the web\n" });
  symlinkSync(join(outside, "secret.txt"), join(dir, "app/link.txt"));
  mkdirSync(join(dir, "empty"));
  writeFileSync(join(dir, "data.bin"), Buffer.from([1, 2, 3]));
  const pkg = await loadClientPackage("30.0");
  sim = await pkg.startSimulator({ staticDir: dir });
  origin = new URL(sim.url).origin;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("static files beside the API", () => {
  it("serves the folder's files by path, index.html for a folder, with their media types", async () => {
    const index = await fetch(`${origin}/`);
    expect(index.status).toBe(200);
    expect(index.headers.get("content-type")).toBe("text/html; charset=utf-8");
    expect(await index.text()).toContain("<title>plugin</title>");
    const js = await fetch(`${origin}/app/app.js`);
    expect(js.headers.get("content-type")).toBe(
      "text/javascript; charset=utf-8",
    );
    expect(await js.text()).toBe("console.log(1);\n");
    expect(
      (await fetch(`${origin}/app/style.css`)).headers.get("content-type"),
    ).toBe("text/css; charset=utf-8");
    const bin = await fetch(`${origin}/data.bin`);
    expect(bin.headers.get("content-type")).toBe("application/octet-stream");
    expect([...new Uint8Array(await bin.arrayBuffer())]).toEqual([1, 2, 3]);
    const head = await fetch(`${origin}/app/app.js`, { method: "HEAD" });
    expect(head.status).toBe(200);
    expect(head.headers.get("content-length")).toBe("16");
  });

  it("answers 404 for what is not in it (no file, a folder without index.html, .. and encoded .., a link out of it), 405 for other methods", async () => {
    for (const path of [
      "/missing.html",
      "/empty/",
      "/app/%2e%2e/%2e%2e/etc/passwd",
      "/app/..%2f..%2fetc%2fpasswd",
      "/app/link.txt",
    ]) {
      const answer = await fetch(`${origin}${path}`);
      expect(answer.status, path).toBe(404);
      expect(await answer.text(), path).not.toContain("not for the web");
    }
    expect(
      (await fetch(`${origin}/index.html`, { method: "POST" })).status,
    ).toBe(405);
  });

  it("refuses at start a staticDir that is no folder", async () => {
    const pkg = await loadClientPackage("30.0");
    await expect(
      pkg.startSimulator({ staticDir: "/nonexistent/site" }),
    ).rejects.toThrow("staticDir: no such folder: /nonexistent/site");
  });

  it("leaves the API as it is", async () => {
    const versions = await fetch(`${sim.url}/versions`);
    expect(versions.status).toBe(200);
    expect(await versions.text()).toContain("SupportedVersions");
  });
});
