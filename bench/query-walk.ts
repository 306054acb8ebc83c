/**
 * The query bench's child process: walks every record of a `type=vm` query with the generated
 * package's `queryAll` (pages of 128) and prints how many it read; the bench measures its peak
 * memory (GNU time's maximum RSS). Usage: `node query-walk.js <package dir> <origin>`.
 */
import { join } from "node:path";
import { pathToFileURL } from "node:url";

interface WalkPackage {
  createClient(options: { baseUrl: string; timeout?: number }): {
    resume(token: string): void;
  };
  queryAll(
    client: unknown,
    type: string,
    options: { pageSize: number },
  ): AsyncIterable<unknown>;
}

const [packageDir, origin] = process.argv.slice(2);
if (!packageDir || !origin)
  throw new Error("usage: query-walk <package dir> <origin>");
const pkg = (await import(
  pathToFileURL(join(packageDir, "dist/index.js")).href
)) as WalkPackage;
const client = pkg.createClient({ baseUrl: `${origin}/api`, timeout: 60_000 });
client.resume("bench-token");
let count = 0;
for await (const record of pkg.queryAll(client, "vm", { pageSize: 128 })) {
  if (record) count++;
}
console.log(count);
