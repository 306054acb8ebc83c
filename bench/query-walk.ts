/**
 * The query bench's child process: walks every record of a `type=vm` query with the generated
 * package's `queryAll` (pages of 128) and prints how many it read; the bench measures its peak
 * memory (GNU time's maximum RSS). Usage: `node query-walk.js <package dir> <API root> <bearer token>`.
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

const [packageDir, apiRoot, token] = process.argv.slice(2);
if (!packageDir || !apiRoot || !token)
  throw new Error("usage: query-walk <package dir> <API root> <bearer token>");
const pkg = (await import(
  pathToFileURL(join(packageDir, "dist/index.js")).href
)) as WalkPackage;
const client = pkg.createClient({ baseUrl: apiRoot, timeout: 60_000 });
client.resume(token);
let count = 0;
for await (const record of pkg.queryAll(client, "vm", { pageSize: 128 })) {
  if (record) count++;
}
console.log(count);
