/**
 * `vcd-codegen pull-schemas`: the XSD set a vCD server serves, laid out like the inputs, so that
 * `vcd-codegen generate --input DIR` generates for exactly what that server speaks. It asks
 * `GET /api/versions` (kept as `versions.xml`), follows the set from the schema-set description's
 * entry points (crawl-schemas.ts, with the layout rule of server-layout.ts), adds the local catalog
 * and the external schemas it maps (local-catalog.ts), records where each file came from
 * (`pull-schemas.json`), and writes the folder whole or not at all (output-folder.ts).
 */
import { STATUS_CODES } from "node:http";
import { GeneratorError } from "../diagnostics.js";
import { crawlSchemas } from "./crawl-schemas.js";
import { HttpClient } from "./http-client.js";
import type { LocalCatalog } from "./local-catalog.js";
import { checkReplaceable, PULL_RECORD, writeFolder } from "./output-folder.js";
import { serverRoot, urlOf, VERSIONS_PATH } from "./server-layout.js";
import {
  readSupportedVersions,
  type SupportedVersions,
} from "./supported-versions.js";

export interface PullOptions {
  /** The server (`https://vcd.example.com`; a trailing `/api` is allowed). */
  readonly from: string;
  readonly out: string;
  /** PEM text of a CA to trust. */
  readonly ca?: string;
  readonly insecure?: boolean;
  /** The API version to ask for (must be one the server lists); default its newest. */
  readonly apiVersion?: string;
  readonly timeoutMs: number;
  /** The layout places of the entry points (schemas/vcd-api.json `entryPoints`). */
  readonly entryPoints: readonly string[];
  readonly catalog: LocalCatalog;
  readonly progress: (line: string) => void;
  readonly concurrency?: number;
}

export interface PullResult {
  readonly server: string;
  readonly versions: SupportedVersions;
  readonly apiVersion: string;
  readonly fromServer: number;
  readonly fromCatalog: number;
}

export const VERSIONS_FILE = "versions.xml";

export async function pullSchemas(options: PullOptions): Promise<PullResult> {
  const root = serverRoot(options.from);
  checkReplaceable(options.out);
  const client = new HttpClient({
    ca: options.ca,
    insecure: options.insecure,
    timeoutMs: options.timeoutMs,
    headers: { "user-agent": "vcd-codegen pull-schemas" },
  });
  try {
    const versionsUrl = urlOf(root, VERSIONS_PATH);
    const answer = await client.get(versionsUrl, {
      accept: "application/*+xml",
    });
    if (answer.status !== 200)
      throw new GeneratorError(
        `GET ${versionsUrl} answered ${answer.status} ${STATUS_CODES[answer.status] ?? ""}: is this a vCD server?`.trim(),
      );
    options.progress(`[versions] GET ${VERSIONS_PATH} -> ${VERSIONS_FILE}`);
    const versions = readSupportedVersions(answer.body, versionsUrl);
    const apiVersion = chooseVersion(options.apiVersion, versions);
    const accept = `application/*+xml;version=${apiVersion}, application/xml;q=0.9, */*;q=0.8`;
    const files = await crawlSchemas(options.entryPoints, {
      get: (path) => client.get(urlOf(root, path), { accept }),
      catalog: options.catalog,
      progress: options.progress,
      concurrency: options.concurrency ?? 6,
    });
    const out = new Map<string, Buffer | string>();
    for (const file of files) out.set(file.layoutPath, file.bytes);
    const fromCatalog = files.filter((f) => !f.url).length;
    if (fromCatalog)
      out.set(
        options.catalog.layoutPath,
        options.catalog.read(options.catalog.layoutPath, undefined),
      );
    out.set(VERSIONS_FILE, answer.body);
    out.set(
      PULL_RECORD,
      record(root, versions, apiVersion, files, options.catalog, fromCatalog),
    );
    writeFolder(options.out, out);
    return {
      server: root.href.replace(/\/$/, ""),
      versions,
      apiVersion,
      fromServer: files.length - fromCatalog,
      fromCatalog,
    };
  } finally {
    client.close();
  }
}

function chooseVersion(
  wanted: string | undefined,
  versions: SupportedVersions,
): string {
  if (wanted === undefined) return versions.newest;
  if (!versions.versions.includes(wanted))
    throw new GeneratorError(
      `the server does not speak API ${wanted}: it lists ${versions.versions.join(", ")}`,
    );
  return wanted;
}

/** `pull-schemas.json`: where each file came from (the folder's provenance). */
function record(
  root: URL,
  versions: SupportedVersions,
  apiVersion: string,
  files: readonly { layoutPath: string; url: string | undefined }[],
  catalog: LocalCatalog,
  fromCatalog: number,
): string {
  const json = {
    $comment:
      "Written by vcd-codegen pull-schemas: the XSD set a vCD server serves, laid out like the generator's inputs.",
    server: root.href.replace(/\/$/, ""),
    pulledAt: new Date().toISOString(),
    apiVersion,
    versions: versions.versions,
    deprecatedVersions: versions.deprecated,
    catalog: fromCatalog ? catalog.file : undefined,
    files: Object.fromEntries(
      files.map((f) => [f.layoutPath, f.url ?? "local catalog"]),
    ),
  };
  return `${JSON.stringify(json, null, 2)}\n`;
}
