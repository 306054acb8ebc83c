/**
 * XML throughput on real documents of several sizes: the generated package's reader and writer
 * against fast-xml-parser's XMLParser and XMLBuilder on the same documents, and against
 * JSON.parse / JSON.stringify of the same content, all in one run.
 */
import { mkdtempSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { XMLBuilder, XMLParser } from "fast-xml-parser";
import type { ResolvedOptions } from "../generator/config/options.js";
import { generate } from "../generator/generate.js";

interface Pkg {
  fromXml(xml: string): { element: string; value: unknown };
  toXml(doc: { element: string; value: unknown }): string;
}

interface Subject {
  readonly name: string;
  readonly xml: string;
}

/** Median seconds per call over several timed batches of at least `minMs` each. */
function timePerCall(work: () => unknown, minMs = 250, batches = 5): number {
  const results: number[] = [];
  let calls = 1;
  for (let warm = performance.now(); performance.now() - warm < 100;) work();
  for (let b = 0; b < batches; b++) {
    let elapsed = 0;
    let done = 0;
    const start = performance.now();
    while (elapsed < minMs) {
      for (let i = 0; i < calls; i++) work();
      done += calls;
      elapsed = performance.now() - start;
      if (elapsed < minMs / 4) calls *= 2;
    }
    results.push(elapsed / 1000 / done);
  }
  results.sort((a, b) => a - b);
  return results[Math.floor(results.length / 2)];
}

function subjects(samplesDir: string): Subject[] {
  const read = (file: string) => readFileSync(join(samplesDir, file), "utf8");
  const query = read("libcloud-vcloud_1_5/api_query_vm.xml");
  const record = /<ns0:VMRecord[^>]*\/>/.exec(query)![0];
  const records = Array.from({ length: 1000 }, (_, i) =>
    record.replace(/name="testVm2"/, `name="vm-${i}"`),
  ).join("\n    ");
  return [
    {
      name: "Task",
      xml: read("libcloud-vcloud_1_5/api_task_undeploy_error.xml"),
    },
    {
      name: "VApp with VMs",
      xml: read(
        "libcloud-vcloud_1_5/api_vApp_vapp_8c57a5b6_e61b_48ca_8a78_3b70ee65ef6a.xml",
      ),
    },
    {
      name: "QueryResultRecords (1000)",
      xml: query.replace(record, records).replace(/total="1"/, 'total="1000"'),
    },
  ];
}

export async function benchXml(options: ResolvedOptions): Promise<string[]> {
  const out = join(
    mkdtempSync(join(tmpdir(), "vcd-codegen-bench-xml-")),
    "vcloud",
  );
  generate({ ...options, outDir: out }, false);
  const pkg = (await import(
    pathToFileURL(join(out, "dist/index.js")).href
  )) as Pkg;
  const parser = new XMLParser({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
    parseAttributeValue: true,
    parseTagValue: true,
  });
  const builder = new XMLBuilder({
    ignoreAttributes: false,
    attributeNamePrefix: "@_",
  });
  const lines = ["## XML throughput (median of 5 timed batches)"];
  lines.push(
    `${"document".padEnd(27)} ${"size".padStart(8)}  ${"write MB/s".padStart(10)} ${"XMLBuilder".padStart(10)} ${"stringify".padStart(9)}  ${"read MB/s".padStart(9)} ${"XMLParser".padStart(9)} ${"JSON.parse".padStart(10)}  write/Builder write/stringify read/Parser read/JSON.parse`,
  );
  for (const subject of subjects(join(options.inputDir, "../vcd-samples"))) {
    const doc = pkg.fromXml(subject.xml);
    const written = pkg.toXml(doc);
    const json = JSON.stringify(doc);
    const fxp = parser.parse(subject.xml) as unknown;
    const mb = (bytes: number, seconds: number) => bytes / 1e6 / seconds;
    const ours = {
      read: timePerCall(() => pkg.fromXml(subject.xml)),
      write: timePerCall(() => pkg.toXml(doc)),
    };
    const peer = {
      read: timePerCall(() => parser.parse(subject.xml)),
      write: timePerCall(() => builder.build(fxp)),
    };
    const js = {
      read: timePerCall(() => JSON.parse(json)),
      write: timePerCall(() => JSON.stringify(doc)),
    };
    lines.push(
      `${subject.name.padEnd(27)} ${`${(subject.xml.length / 1024).toFixed(1)} KB`.padStart(8)}  ` +
        `${mb(written.length, ours.write).toFixed(0).padStart(10)} ${mb(written.length, peer.write).toFixed(0).padStart(10)} ${mb(json.length, js.write).toFixed(0).padStart(9)}  ` +
        `${mb(subject.xml.length, ours.read).toFixed(0).padStart(9)} ${mb(subject.xml.length, peer.read).toFixed(0).padStart(9)} ${mb(json.length, js.read).toFixed(0).padStart(10)}  ` +
        `${(peer.write / ours.write).toFixed(2).padStart(13)}x ${(js.write / ours.write).toFixed(2).padStart(14)}x ${(peer.read / ours.read).toFixed(2).padStart(10)}x ${(js.read / ours.read).toFixed(2).padStart(14)}x`,
    );
    lines.push(
      `${"".padEnd(27)} docs/s: write ${(1 / ours.write).toFixed(0)}, read ${(1 / ours.read).toFixed(0)}`,
    );
  }
  lines.push(
    "ratios are documents per second, ours over the peer's: targets write/Builder >= 2, write/stringify >= 0.25, read/Parser >= 1.5, read/JSON.parse >= 0.125",
  );
  return lines;
}
