/**
 * The query bench's child process: walks every record of a `type=vm` query (pages of 128) with the
 * generated package's `queryAll`, or by hand (`fetch` + `fromXml`, bench/query-by-hand.ts), and
 * prints how many it read; the bench measures its peak memory (GNU time's maximum RSS). Usage:
 * `node query-walk.js <package dir> <API root> <bearer token> [queryAll|by-hand] [pages between
 * samples]`: with the last, it prints on stderr a sample of `process.memoryUsage()` every that
 * many pages and at the end (`sample <pages> <rss> <heapTotal> <heapUsed> <external>
 * <arrayBuffers>`, bytes), each after a full collection when run with `--expose-gc` (then what
 * is still held, not what the collector has yet to free).
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { walkByHand, type ByHandPackage } from "./query-by-hand.js";

interface WalkPackage extends ByHandPackage {
  createClient(options: { baseUrl: string; timeout?: number }): {
    resume(token: string): void;
  };
  queryAll(
    client: unknown,
    type: string,
    options: { pageSize: number },
  ): AsyncIterable<unknown>;
}

const PAGE = 128;
const [packageDir, apiRoot, token, mode = "queryAll", every] =
  process.argv.slice(2);
if (!packageDir || !apiRoot || !token || !/^(queryAll|by-hand)$/.test(mode))
  throw new Error(
    "usage: query-walk <package dir> <API root> <bearer token> [queryAll|by-hand] [pages between samples]",
  );
const sampleEvery = every === undefined ? 0 : Number(every) * PAGE;
const gc = (globalThis as { gc?: () => void }).gc;

function sample(pages: number): void {
  gc?.();
  const m = process.memoryUsage();
  process.stderr.write(
    `sample ${pages} ${m.rss} ${m.heapTotal} ${m.heapUsed} ${m.external} ${m.arrayBuffers}\n`,
  );
}

const onRecord = (count: number) => {
  if (sampleEvery && count % sampleEvery === 0) sample(count / PAGE);
};

const pkg = (await import(
  pathToFileURL(join(packageDir, "dist/index.js")).href
)) as WalkPackage;
let count = 0;
if (mode === "by-hand")
  count = await walkByHand(pkg, apiRoot, token, PAGE, onRecord);
else {
  const client = pkg.createClient({ baseUrl: apiRoot, timeout: 60_000 });
  client.resume(token);
  for await (const record of pkg.queryAll(client, "vm", { pageSize: PAGE }))
    if (record) onRecord(++count);
}
if (sampleEvery) sample(Math.ceil(count / PAGE));
console.log(count);
