/**
 * The package's browser entry for transfers (`transfer`), bundled as a browser build bundles it
 * (esbuild, platform browser): it pulls in no `node:` module (the Node entry, bundled so, does:
 * the check can fail), and the bundled code uploads a package against the simulator with browser
 * sources (a Blob, a Uint8Array), checking the manifest with WebCrypto before anything is sent.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import type * as Transfer from "../../runtime/transfer/index.js";
import { bundleApps, type BundledApp } from "../helpers/bundle.js";
import { startFixture, type Fixture, type Value } from "./client-fixture.js";
import { bytesOf, descriptorOf, sha256 } from "./helpers.js";

let fx: Fixture;
let app: BundledApp;
let dist: string;

beforeAll(async () => {
  fx = await startFixture();
  dist = join(inject("generatedDir"), "30.0", "dist");
  const apps = await bundleApps(
    {
      browser: `export * from ${JSON.stringify(join(dist, "runtime/transfer/index.js"))};`,
    },
    dist,
  );
  app = apps.get("browser")!;
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
});

describe("the browser entry, bundled", () => {
  it("imports no node: module", () => {
    expect(app.text).toContain("uploadOvf");
    expect(app.text).not.toMatch(/["']node:[a-z/_]+["']/);
  });

  it("the Node entry cannot be bundled for a browser (it needs node:fs and node:crypto)", async () => {
    await expect(
      bundleApps(
        {
          node: `export * from ${JSON.stringify(join(dist, "runtime/transfer/node/index.js"))};`,
        },
        dist,
      ),
    ).rejects.toThrow(/node:/);
  });

  it("uploads a package with a Blob and a Uint8Array, the manifest checked with WebCrypto", async () => {
    const t = app.exports as unknown as typeof Transfer;
    const client = await fx.client();
    const catalog = await fx.catalog(client);
    const disks = [
      { name: "a.vmdk", bytes: bytesOf(150_000, 5) },
      { name: "b.vmdk", bytes: bytesOf(20_000, 6) },
    ];
    const manifest = disks
      .map((d) => `SHA256(${d.name})= ${sha256(d.bytes)}`)
      .join("\n");
    const result = await t.uploadOvf<Value>(client, catalog, {
      name: "from-a-browser",
      descriptor: descriptorOf(disks, ["vm"]),
      files: {
        "a.vmdk": new Blob([new Uint8Array(disks[0].bytes)]),
        "b.vmdk": new Uint8Array(disks[1].bytes),
      },
      manifest,
      pieceSize: 64 * 1024,
    });
    expect(Number(result.template.status)).toBe(8);
    expect(
      result.files.slice(2).map((f) => [f.name, f.checked, f.digest?.hex]),
    ).toEqual(disks.map((d) => [d.name, true, sha256(d.bytes)]));
  });

  it("a Blob whose digest is not the manifest's is refused before any of its bytes is sent", async () => {
    const t = app.exports as unknown as typeof Transfer;
    const sent: string[] = [];
    const client = await fx.client({
      fetch: (input, init) => {
        if (init?.method === "PUT") sent.push(String(input));
        return fetch(input, init);
      },
    });
    const catalog = await fx.catalog(client);
    const disk = { name: "a.vmdk", bytes: bytesOf(10_000, 8) };
    const error = await t
      .uploadOvf(client, catalog, {
        name: "bad-blob",
        descriptor: descriptorOf([disk], ["vm"]),
        files: { "a.vmdk": new Blob([new Uint8Array(disk.bytes)]) },
        manifest: `SHA256(a.vmdk)= ${sha256(bytesOf(10_000, 12))}`,
      })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ name: "VcdTransferError", file: "a.vmdk" });
    expect(sent.some((url) => url.endsWith("/a.vmdk"))).toBe(false);
  });
});
