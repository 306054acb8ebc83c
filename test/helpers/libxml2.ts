/**
 * libxml2 (through xmllint-wasm) as the validation oracle: validates documents against the whole
 * vCD schema set, all entry points together, with the catalog's remote locations rewritten to the
 * local files (in memory; nothing is copied).
 */
import { readFileSync, readdirSync } from "node:fs";
import { dirname, join, posix, relative } from "node:path";
import { memoryPages, validateXML, type XMLFileInfo } from "xmllint-wasm";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import { VCD_API_DIR } from "./vcd-inputs.js";

export interface OracleResult {
  readonly valid: boolean;
  readonly errors: string[];
}

const compiled = new Map<string, { preload: XMLFileInfo[]; driver: string }>();

/** The XSD set of an input folder (default the 30.0 set), as xmllint's preload and a driver schema. */
function schemaFiles(inputDir: string): {
  preload: XMLFileInfo[];
  driver: string;
} {
  const known = compiled.get(inputDir);
  if (known) return known;
  const VCD_API_DIR = inputDir;
  const set = readSchemaSetConfig();
  const catalogFile = join(VCD_API_DIR, set.catalog!);
  const catalog = readFileSync(catalogFile, "utf8");
  const remote = new Map<string, string>();
  for (const m of catalog.matchAll(
    /<system\s+systemId="([^"]+)"\s+uri="([^"]+)"/g,
  )) {
    remote.set(
      m[1],
      posix.join(relative(VCD_API_DIR, dirname(catalogFile)), m[2]),
    );
  }
  const files: XMLFileInfo[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith(".xsd")) {
        const name = relative(VCD_API_DIR, path);
        let text = readFileSync(path, "utf8");
        for (const [url, local] of remote) {
          text = text
            .split(`"${url}"`)
            .join(`"${posix.relative(posix.dirname(name), local)}"`);
        }
        files.push({ fileName: name, contents: text });
      }
    }
  };
  walk(join(VCD_API_DIR, "xsd"));
  // libxml2 skips a second import of a namespace it has imported (internal.xsd imports the internal
  // query records into v1.5 that way), so the v1.5 part is one schema that includes all of it.
  const v15 = "http://www.vmware.com/vcloud/v1.5";
  const v15Files = files
    .filter(
      (f) =>
        f.fileName.endsWith(".xsd") &&
        new RegExp(`targetNamespace="${v15}"`).test(String(f.contents)),
    )
    .map((f) => `<xs:include schemaLocation="${f.fileName}"/>`);
  files.push({
    fileName: "v15-all.xsd",
    contents: `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${v15}">\n${v15Files.join("\n")}\n</xs:schema>\n`,
  });
  const imports = set.entryPoints.map((entry) => {
    const ns = /targetNamespace="([^"]*)"/.exec(
      readFileSync(join(VCD_API_DIR, entry), "utf8"),
    )![1];
    return `<xs:import namespace="${ns}" schemaLocation="${ns === v15 ? "v15-all.xsd" : entry}"/>`;
  });
  const driver = `<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports.join("\n")}\n</xs:schema>\n`;
  compiled.set(inputDir, { preload: files, driver });
  return { preload: files, driver };
}

const BATCH = 250;

/** Validates documents in runs of xmllint of up to 250 documents each (the schema set is compiled once a run). */
export async function validateWithLibxml2(
  documents: readonly { name: string; xml: string }[],
  inputDir: string = VCD_API_DIR,
): Promise<Map<string, OracleResult>> {
  const out = new Map<string, OracleResult>();
  for (let i = 0; i < documents.length; i += BATCH) {
    for (const [name, result] of await validateBatch(
      documents.slice(i, i + BATCH),
      inputDir,
    ))
      out.set(name, result);
  }
  return out;
}

async function validateBatch(
  documents: readonly { name: string; xml: string }[],
  inputDir: string,
): Promise<Map<string, OracleResult>> {
  const { preload, driver } = schemaFiles(inputDir);
  const result = await validateXML({
    xml: documents.map((d) => ({
      fileName: `docs/${d.name}`,
      contents: d.xml,
    })),
    schema: [{ fileName: "driver.xsd", contents: driver }],
    preload,
    initialMemoryPages: 64 * memoryPages.MiB,
    maxMemoryPages: memoryPages.GiB,
  });
  const out = new Map<string, OracleResult>();
  for (const d of documents) out.set(d.name, { valid: true, errors: [] });
  for (const error of result.errors) {
    const name = error.loc?.fileName?.replace(/^docs\//, "");
    const entry = name ? out.get(name) : undefined;
    if (entry)
      out.set(name!, {
        valid: false,
        errors: [...entry.errors, error.message],
      });
    else if (
      !/validates$|fails to validate$|parser warning/.test(error.rawMessage)
    ) {
      throw new Error(`xmllint: ${error.rawMessage}`);
    }
  }
  return out;
}
