/**
 * Follows the schema set from its entry points: each file is taken from the server (or, for the
 * external schemas, the local catalog), read for its includes and imports, and each of those is
 * placed in the layout and followed in turn (the rule is in server-layout.ts). A few requests run at
 * once; each file is taken once.
 */
import { STATUS_CODES } from "node:http";
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import type { HttpAnswer } from "./http-client.js";
import type { LocalCatalog } from "./local-catalog.js";
import {
  readSchemaReferences,
  type SchemaReference,
} from "./schema-references.js";
import {
  isAbsoluteLocation,
  resolveLayoutPath,
  serverPaths,
} from "./server-layout.js";

export interface CrawledFile {
  /** Its place in the layout (`xsd/rest-api/1.5/schemas/vcloud/vApp.xsd`). */
  readonly layoutPath: string;
  readonly bytes: Buffer;
  /** The URL it came from, or undefined for a file of the local catalog. */
  readonly url: string | undefined;
}

export interface CrawlContext {
  /** GET a path of the server (`/api/v1.5/schema/vApp.xsd`). */
  readonly get: (path: string) => Promise<HttpAnswer>;
  readonly catalog: LocalCatalog;
  readonly progress: (line: string) => void;
  readonly concurrency: number;
}

interface Wanted {
  readonly layoutPath: string;
  /** The targetNamespace the file must have (undefined: any). */
  readonly namespace: string | undefined;
  /** The include or import that names it (undefined for an entry point). */
  readonly reachedFrom: SourceLocation | undefined;
}

export async function crawlSchemas(
  entryPoints: readonly string[],
  context: CrawlContext,
): Promise<CrawledFile[]> {
  const files = new Map<string, CrawledFile>();
  const claimed = new Set<string>();
  const servedAs = new Map<string, string>();
  const cache = new Map<string, Promise<HttpAnswer>>();
  const get = (path: string) => {
    let answer = cache.get(path);
    if (!answer) cache.set(path, (answer = context.get(path)));
    return answer;
  };

  const visit = async (wanted: Wanted): Promise<Wanted[]> => {
    if (claimed.has(wanted.layoutPath)) return [];
    claimed.add(wanted.layoutPath);
    const file = context.catalog.holds(wanted.layoutPath)
      ? fromCatalog(wanted, context.catalog)
      : await fromServer(wanted, get);
    if (file.url) {
      const other = servedAs.get(file.url);
      if (other)
        throw new GeneratorError(
          `${wanted.layoutPath} and ${other} are both served as ${file.url}: the include paths disagree about where the file lies`,
          wanted.reachedFrom,
        );
      servedAs.set(file.url, wanted.layoutPath);
    }
    files.set(file.layoutPath, file);
    context.progress(
      `[${files.size}] ${file.url ? `GET ${new URL(file.url).pathname}` : "local catalog"} -> ${file.layoutPath}`,
    );
    const { references } = readSchemaReferences(
      file.bytes,
      file.url ?? file.layoutPath,
    );
    return references.map((ref) => ({
      layoutPath: placeOf(ref, wanted.layoutPath, context.catalog),
      namespace: ref.namespace,
      reachedFrom: ref.location,
    }));
  };

  await runPool(
    entryPoints.map((layoutPath) => ({
      layoutPath,
      namespace: undefined,
      reachedFrom: undefined,
    })),
    visit,
    context.concurrency,
  );
  return [...files.values()].sort((a, b) =>
    a.layoutPath < b.layoutPath ? -1 : a.layoutPath > b.layoutPath ? 1 : 0,
  );
}

function placeOf(
  ref: SchemaReference,
  from: string,
  catalog: LocalCatalog,
): string {
  if (isAbsoluteLocation(ref.schemaLocation))
    return catalog.resolveRemote(ref.schemaLocation, ref.location);
  const path = resolveLayoutPath(from, ref.schemaLocation);
  if (!path)
    throw new GeneratorError(
      `${ref.kind} of "${ref.schemaLocation}" leads out of the schema folder (from ${from})`,
      ref.location,
    );
  return path;
}

function fromCatalog(wanted: Wanted, catalog: LocalCatalog): CrawledFile {
  return {
    layoutPath: wanted.layoutPath,
    bytes: catalog.read(wanted.layoutPath, wanted.reachedFrom),
    url: undefined,
  };
}

async function fromServer(
  wanted: Wanted,
  get: (path: string) => Promise<HttpAnswer>,
): Promise<CrawledFile> {
  const tried: string[] = [];
  for (const path of serverPaths(wanted.layoutPath)) {
    const answer = await get(path);
    if (answer.status === 404 || answer.status === 410) {
      tried.push(`GET ${path} answered ${statusText(answer.status)}`);
      continue;
    }
    if (answer.status !== 200)
      throw new GeneratorError(
        `${wanted.layoutPath}: GET ${answer.url} answered ${statusText(answer.status)}`,
        wanted.reachedFrom,
      );
    const { targetNamespace } = readSchemaReferences(answer.body, answer.url);
    if (
      wanted.namespace !== undefined &&
      targetNamespace !== undefined &&
      targetNamespace !== wanted.namespace
    ) {
      tried.push(
        `GET ${path} is a schema of another namespace (${targetNamespace}, not ${wanted.namespace}: two schemas share the name)`,
      );
      continue;
    }
    return {
      layoutPath: wanted.layoutPath,
      bytes: answer.body,
      url: answer.url,
    };
  }
  throw new GeneratorError(
    `${wanted.layoutPath} is not served by the server: ${tried.join("; ")}`,
    wanted.reachedFrom,
  );
}

function statusText(status: number): string {
  return `${status} ${STATUS_CODES[status] ?? ""}`.trim();
}

/**
 * Runs `visit` over `start` and everything it returns, `concurrency` at a time. On the first error,
 * starts nothing more, waits for what runs, and rejects with that error.
 */
function runPool<T>(
  start: readonly T[],
  visit: (item: T) => Promise<T[]>,
  concurrency: number,
): Promise<void> {
  const queue = [...start];
  let active = 0;
  let failure: { error: unknown } | undefined;
  return new Promise((resolve, reject) => {
    const pump = () => {
      if (failure) {
        if (active === 0) reject(failure.error);
        return;
      }
      if (!queue.length && active === 0) return resolve();
      while (active < concurrency && queue.length) {
        const item = queue.shift()!;
        active++;
        visit(item).then(
          (more) => {
            active--;
            queue.push(...more);
            pump();
          },
          (error: unknown) => {
            active--;
            failure ??= { error };
            pump();
          },
        );
      }
    };
    pump();
  });
}
