/**
 * The `./amqp` entry stays apart: the package's main entry and `./client`, bundled for a browser
 * (esbuild, as test/helpers/bundle.ts bundles), hold no `amqplib` and no AMQP code, while the
 * `./amqp` entry bundled so does name it (the check can fail); its declarations serve a strict
 * consumer without `@types/amqplib`; and it loads amqplib only when a subscriber connects.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, inject, it } from "vitest";
import { bundleApps, type BundledApp } from "../helpers/bundle.js";
import { runTsc } from "../helpers/tsc.js";

let dist: string;
let apps: Map<string, BundledApp>;
let work: string;

beforeAll(async () => {
  dist = join(inject("generatedDir"), "30.0", "dist");
  const entry = (path: string) =>
    `export * from ${JSON.stringify(join(dist, path))};`;
  apps = await bundleApps(
    {
      main: entry("index.js"),
      client: entry("client.js"),
      amqp: entry("runtime/amqp/index.js"),
    },
    dist,
  );
  work = mkdtempSync(join(tmpdir(), "vcd-amqp-entry-"));
}, 120_000);

afterAll(() => {
  if (work) rmSync(work, { recursive: true, force: true });
});

describe("the ./amqp entry", () => {
  it("the main entry and ./client pull in neither amqplib nor the AMQP code", () => {
    for (const name of ["main", "client"]) {
      const { text } = apps.get(name)!;
      expect(text.length, name).toBeGreaterThan(10_000);
      expect(text, name).not.toContain("amqplib");
      expect(text, name).not.toContain("connectSubscriber");
      expect(text, name).not.toContain("VcdAmqpError");
    }
  });

  it("the ./amqp entry, bundled the same way, does (what the check above looks for is there)", () => {
    const { text, exports } = apps.get("amqp")!;
    expect(text).toContain('"amqplib"');
    expect(text).toContain("VcdAmqpError");
    expect(typeof exports.connectSubscriber).toBe("function");
    expect(typeof exports.readNotification).toBe("function");
  });

  it("reading notifications needs no amqplib: the bundled entry reads one", () => {
    const { exports } = apps.get("amqp")!;
    const read = exports.readNotification as (body: string) => {
      type: string;
    };
    expect(
      read(
        '{"eventId":"1","type":"com/vmware/vcloud/event/vapp/create","timestamp":"2011-06-18T14:33:27.787+03:00","operationSuccess":true}',
      ).type,
    ).toBe("com/vmware/vcloud/event/vapp/create");
  });

  it("its declarations compile in a strict consumer with no @types at all (no @types/amqplib)", () => {
    writeFileSync(
      join(work, "consumer.ts"),
      `
import {
  bindingPattern,
  connectSubscriber,
  onNotification,
  type Notification,
  type NotificationType,
} from ${JSON.stringify(join(dist, "runtime/amqp/index.js"))};

export async function audit(url: string, signal: AbortSignal): Promise<Notification[]> {
  const seen: Notification[] = [];
  const subscriber = await connectSubscriber({ url, signal, timeout: 10_000 });
  await onNotification(
    subscriber,
    { queue: "audit", filters: [{ type: "com/vmware/vcloud/event/vapp/create" }, bindingPattern({ operationSuccess: false })] },
    (n) => {
      const type: NotificationType = n.type;
      if (type === "com/vmware/vcloud/event/vapp/create") seen.push(n);
    },
  );
  await subscriber.close();
  return seen;
}
// @ts-expect-error a filter's operationSuccess is a boolean
bindingPattern({ operationSuccess: "true" });
`,
    );
    writeFileSync(
      join(work, "tsconfig.json"),
      JSON.stringify({
        compilerOptions: {
          strict: true,
          module: "NodeNext",
          moduleResolution: "NodeNext",
          target: "ES2022",
          noEmit: true,
          types: [],
          skipLibCheck: false,
        },
        files: ["consumer.ts"],
      }),
    );
    const tsc = runTsc(work);
    expect(tsc.output).toBe("");
    expect(tsc.status).toBe(0);
  });
});
