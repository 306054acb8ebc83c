/**
 * What type-checking costs a small consumer: `tsc --noEmit` (strict, NodeNext, the default libs,
 * @types/node installed, as in most projects) of a few-line program against the generated package
 * (importing from its subpaths, as the README shows),
 * with and without `skipLibCheck`, next to the same program written against VMware's own types,
 * `@vcd/bindings` 9.1.1, in the same run, and an empty program (what the environment costs alone).
 */
import {
  mkdirSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PACKAGE_ROOT } from "../generator/package-root.js";
import { measureProcess } from "./measure-process.js";
import { checkTarget } from "./targets.js";

const TSC = join(PACKAGE_ROOT, "node_modules/typescript/bin/tsc");
const RUNS = 3;
const TS_VERSION = (
  JSON.parse(
    readFileSync(
      join(PACKAGE_ROOT, "node_modules/typescript/package.json"),
      "utf8",
    ),
  ) as { version: string }
).version;

/** The programs: each reads a vApp, renames it and writes it back (the bindings have no XML: JSON). */
const CONSUMERS: Record<string, string> = {
  empty: `export const nothing: number = 0;\n`,
  documents: `import { readElement, writeElement } from "@vcd-codegen/vcloud/runtime";
import { VAppSchema } from "@vcd-codegen/vcloud/vcloud";
export function rename(xml: string, name: string): string {
  const vapp = readElement(VAppSchema, xml);
  vapp.name = name;
  vapp.Description = \`renamed to \${name}\`;
  return writeElement(VAppSchema, vapp, { strict: true });
}
`,
  client: `import { createBareClient } from "@vcd-codegen/vcloud/client";
import { waitForTask } from "@vcd-codegen/vcloud/runtime";
import { getVApp, updateVApp } from "@vcd-codegen/vcloud/api/user";
export async function rename(id: string, name: string): Promise<string> {
  const client = createBareClient({ baseUrl: "https://vcd.example.com/api" });
  const reply = await getVApp(client, { id });
  if (reply.element !== "vcloud:VApp") throw new Error("not a vApp");
  const vapp = reply.value;
  vapp.name = name;
  const task = await updateVApp(client, { id }, { element: "vcloud:VApp", value: vapp });
  return (await waitForTask(client, task.value)).status;
}
`,
  bindings: `import type { vcloud } from "@vcd/bindings";
type VAppType = vcloud.api.rest.schema_v1_5.VAppType;
export function rename(json: string, name: string): string {
  const vapp = JSON.parse(json) as VAppType;
  vapp.name = name;
  vapp.description = \`renamed to \${name}\`;
  return JSON.stringify(vapp);
}
`,
};

export function benchConsumerTypecheck(packageDir: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), "vcd-codegen-consumer-"));
  try {
    writeFileSync(
      join(dir, "package.json"),
      JSON.stringify({ name: "consumer", private: true, type: "module" }),
    );
    const link = (name: string, target: string) => {
      mkdirSync(join(dir, "node_modules", name, ".."), { recursive: true });
      symlinkSync(target, join(dir, "node_modules", name), "dir");
    };
    link("@vcd-codegen/vcloud", packageDir);
    link("@vcd/bindings", join(PACKAGE_ROOT, "node_modules/@vcd/bindings"));
    link("@types/node", join(PACKAGE_ROOT, "node_modules/@types/node"));
    const measure = (name: string, skipLibCheck: boolean) => {
      writeFileSync(join(dir, `${name}.ts`), CONSUMERS[name]);
      const config = `tsconfig.${name}${skipLibCheck ? ".skip" : ""}.json`;
      writeFileSync(
        join(dir, config),
        JSON.stringify({
          compilerOptions: {
            strict: true,
            module: "NodeNext",
            moduleResolution: "NodeNext",
            target: "ES2022",
            noEmit: true,
            skipLibCheck,
          },
          files: [`${name}.ts`],
        }),
      );
      return measureProcess(process.execPath, [TSC, "-p", config], RUNS, dir);
    };
    const lines = [
      `## A small consumer's type check (TypeScript ${TS_VERSION} tsc --noEmit, strict, NodeNext, default libs + @types/node; median of ${RUNS}, whole process)`,
      `${"program".padEnd(58)} ${"full".padStart(14)} ${"skipLibCheck".padStart(14)}`,
    ];
    const figures: Record<string, { full: number; skip: number }> = {};
    const labels: Record<string, string> = {
      empty: "an empty program (the environment alone)",
      documents: "ours: readElement / writeElement of a VApp",
      client: "ours: bare client, getVApp + updateVApp + waitForTask",
      bindings: "@vcd/bindings 9.1.1: the same VApp as JSON",
    };
    for (const name of Object.keys(CONSUMERS)) {
      const full = measure(name, false);
      const skip = measure(name, true);
      figures[name] = { full: full.medianSeconds, skip: skip.medianSeconds };
      const cell = (m: typeof full) =>
        `${m.medianSeconds.toFixed(2)} s ${m.peakMegabytes.toFixed(0)} MB`.padStart(
          14,
        );
      lines.push(`${labels[name].padEnd(58)} ${cell(full)} ${cell(skip)}`);
    }
    const seconds = (n: number) => `${n.toFixed(2)} s`;
    for (const name of ["documents", "client"]) {
      const f = figures[name];
      lines.push(
        `${name} consumer without skipLibCheck: ${seconds(f.full)} ${checkTarget(`consumer type check (${name}), no skipLibCheck`, f.full, "<=", 3, seconds)}; ` +
          `${(f.full / figures.bindings.full).toFixed(2)}x @vcd/bindings; above the empty program: ours ${seconds(f.full - figures.empty.full)}, @vcd/bindings ${seconds(figures.bindings.full - figures.empty.full)}`,
      );
    }
    return lines;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
