/**
 * Seeding at scale: `scale: { vapps, vmsPerVApp }` builds vApps and their VMs straight into the
 * store (fast), in the seed's first VDC, visible to the query service and to GETs of each vApp,
 * again after `reset()`; the seed-file form; bad scale values refused naming the field.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { defaultSeed, startSimulator } from "../../simulator/index.js";
import { runCli } from "../helpers/run-cli.js";
import { PROJECT_ROOT } from "../helpers/vcd-inputs.js";
import { simulatorBinding } from "../simulator/helpers/binding.js";
import { login, raw } from "../simulator/helpers/http.js";
import { startSeeded, sessionOf } from "../simulator/helpers/seeded.js";

const work = mkdtempSync(join(tmpdir(), "vcd-scale-seed-"));
afterAll(() => rmSync(work, { recursive: true, force: true }));

describe("seeding at scale", () => {
  it("builds N vApps of k VMs into the first VDC: counted, named, readable, again after reset", async () => {
    const started = Date.now();
    const { sim, pkg } = await startSeeded({
      scale: { vapps: 1000, vmsPerVApp: 3 },
    });
    try {
      expect(Date.now() - started).toBeLessThan(15_000);
      const admin = await sessionOf(sim, pkg, "acme-admin");
      const vapps = await admin.get("/query?type=vApp&pageSize=1&sortAsc=name");
      expect(vapps.total).toBe("1000");
      const first = (vapps.Record as Record<string, unknown>[])[0];
      expect(first.name).toBe("scale-vapp-000001");
      expect(first.vdcName).toBe("acme-vdc");
      expect(first.status).toBe("POWERED_ON");
      const vms = await admin.get("/query?type=vm&pageSize=1");
      // 3000 VMs of the vApps, and the seed's template VM (vm lists both, as vCD: isVAppTemplate).
      expect(Number(vms.total)).toBeGreaterThanOrEqual(3000);
      const vapp = await admin.get(first.href as string, "vcloud:VApp");
      expect(vapp.name).toBe("scale-vapp-000001");
      const children = (vapp.Children as { Vm: { name: string }[] }).Vm;
      expect(children.map((v) => v.name)).toEqual(["vm-1", "vm-2", "vm-3"]);
      // globex sees none of acme's vApps.
      const globex = await sessionOf(sim, pkg, "globex-admin");
      expect((await globex.get("/query?type=vApp")).total).toBe("0");
      sim.reset();
      const again = await sessionOf(sim, pkg, "acme-admin");
      expect((await again.get("/query?type=vApp&pageSize=1")).total).toBe(
        "1000",
      );
    } finally {
      await sim.close();
    }
  }, 60_000);

  it("100,000 vApps in a few seconds", async () => {
    const { binding } = await simulatorBinding();
    const started = Date.now();
    const sim = await startSimulator(binding, { scale: { vapps: 100_000 } });
    const took = Date.now() - started;
    await sim.close();
    expect(took).toBeLessThan(20_000);
  }, 60_000);

  it("the seed-file form: a JSON seed's scale, in the VDC it names", async () => {
    const file = join(work, "seed.json");
    writeFileSync(
      file,
      JSON.stringify({
        ...defaultSeed,
        scale: { vapps: 5, org: "globex", vdc: "globex-vdc" },
      }),
    );
    const { sim, pkg } = await startSeeded({ seed: file });
    try {
      const globex = await sessionOf(sim, pkg, "globex-admin");
      const r = await globex.get("/query?type=vApp&sortDesc=name");
      expect(r.total).toBe("5");
      expect((r.Record as { name: string }[])[0].name).toBe(
        "scale-vapp-000005",
      );
      const acme = await sessionOf(sim, pkg, "acme-admin");
      expect((await acme.get("/query?type=vApp")).total).toBe("0");
    } finally {
      await sim.close();
    }
  }, 60_000);

  it("refuses a bad scale naming the field", async () => {
    const { binding } = await simulatorBinding();
    await expect(
      startSimulator(binding, { scale: { vapps: -1 } }),
    ).rejects.toThrow(
      /seed: scale\.vapps: a whole number from 0 to 1000000, not -1/,
    );
    await expect(
      startSimulator(binding, { scale: { vapps: 1, vmsPerVApp: 1.5 } }),
    ).rejects.toThrow(/seed: scale\.vmsPerVApp/);
    await expect(
      startSimulator(binding, { scale: { vapps: 1, org: "nobody" } }),
    ).rejects.toThrow(/seed: scale\.org: no organization "nobody"/);
  });

  it("the CLI: simulate --scale-vapps N --vms-per-vapp k; bad values refused (exit 1)", async () => {
    const child = spawn(
      process.execPath,
      [
        "bin/vcd-codegen.js",
        "simulate",
        "--json",
        "--scale-vapps",
        "40",
        "--vms-per-vapp",
        "2",
      ],
      { cwd: PROJECT_ROOT, env: { ...process.env, TMPDIR: work } },
    );
    try {
      const line = await new Promise<string>((resolve, reject) => {
        let out = "";
        const timer = setTimeout(
          () => reject(new Error("no line in 60 s")),
          60_000,
        );
        child.stdout.on("data", (chunk: Buffer) => {
          out += chunk.toString();
          if (out.includes("\n")) {
            clearTimeout(timer);
            resolve(out.slice(0, out.indexOf("\n")));
          }
        });
        child.on("exit", (code) => {
          clearTimeout(timer);
          reject(new Error(`exited with ${code}`));
        });
      });
      const { url, users } = JSON.parse(line) as {
        url: string;
        users: { org: string; name: string; password: string }[];
      };
      const headers = await login(
        url,
        users.find((u) => u.name === "acme-admin")!,
      );
      const vapps = await raw(`${url}/query?type=vApp&pageSize=1`, { headers });
      expect(vapps.body).toContain('total="40"');
      const vms = await raw(
        `${url}/query?type=vm&pageSize=1&filter=isVAppTemplate==false`,
        { headers },
      );
      expect(vms.body).toContain('total="80"');
    } finally {
      child.kill("SIGTERM");
    }
    const bad = await runCli(["simulate", "--scale-vapps", "many"]);
    expect(bad.code).toBe(1);
    expect(bad.err).toContain(
      '--scale-vapps must be a whole number, not "many"',
    );
    const alone = await runCli(["simulate", "--vms-per-vapp", "2"]);
    expect(alone.code).toBe(1);
    expect(alone.err).toContain("--vms-per-vapp needs --scale-vapps");
  }, 90_000);
});
