/**
 * The peer for generation: JAXB's xjc (Debian package `jaxb`) on the same schema set. xjc needs the
 * set's own JAXB bindings (the .xjb files beside the schemas) and rejects vCD's `meta` binding
 * prefix, so it runs on a copy in a temporary folder with `jaxb:extensionBindingPrefixes` removed.
 */
import {
  cpSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  writeFileSync,
  mkdirSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { SchemaSetConfig } from "../generator/config/schema-set-config.js";
import { measureProcess, type ProcessMeasure } from "./measure-process.js";

export const XJC = "/usr/bin/xjc";

export function measureXjc(
  inputDir: string,
  schemaSet: SchemaSetConfig,
  runs: number,
): ProcessMeasure | string {
  if (!existsSync(XJC)) return "xjc is not installed (apt-get install jaxb)";
  const work = mkdtempSync(join(tmpdir(), "vcd-codegen-xjc-"));
  const xsd = join(work, "input");
  cpSync(inputDir, xsd, { recursive: true });
  const bindings: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".xsd")) {
        writeFileSync(
          path,
          readFileSync(path, "utf8").replace(
            /jaxb:extensionBindingPrefixes="[^"]*"/g,
            "",
          ),
        );
      } else if (
        entry.name.endsWith(".xjb") &&
        !/_v\d+\.xjb$/.test(entry.name) &&
        !path.includes("extensibility")
      ) {
        bindings.push(path);
      }
    }
  };
  walk(xsd);
  const driver = join(work, "driver.xsd");
  const imports = schemaSet.entryPoints
    .map((entry) => {
      const file = join(xsd, entry);
      const ns =
        /targetNamespace="([^"]*)"/.exec(readFileSync(file, "utf8"))?.[1] ?? "";
      return `<xs:import namespace="${ns}" schemaLocation="${file}"/>`;
    })
    .join("\n");
  writeFileSync(
    driver,
    `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>\n`,
  );
  const out = join(work, "out");
  mkdirSync(out);
  const args = [
    "-extension",
    "-quiet",
    "-d",
    out,
    ...bindings.flatMap((b) => ["-b", b]),
  ];
  if (schemaSet.catalog) args.push("-catalog", join(xsd, schemaSet.catalog));
  try {
    return measureProcess(XJC, [...args, driver], runs, work);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}
