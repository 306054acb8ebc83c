/**
 * A `node:http` server answering the pages of a `type=vm` query as vCD does (QueryResultRecords of
 * `pageSize` VMRecords, with `nextPage` links up to `total` records), run as a child process of the
 * bench (its own core). Each record is the real one of ../shared/vcd-samples (libcloud's
 * `api_query_vm.xml`), renamed and re-addressed per record. The simulator cannot hold 100,000 VMs
 * yet (its seed has no vApps), so the query bench reads its pages from here: `queryAll` and the
 * hand-written loop read the same bytes.
 */
import { fork, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { stopChild } from "./fixed-server.js";

export interface PageServerSetup {
  /** One `<VMRecord .../>` in the vCloud namespace's default prefix, `{i}` where the record's number goes. */
  readonly record: string;
  readonly total: number;
}

export interface PageServer {
  /** `http://127.0.0.1:PORT` (the API root is `/api`). */
  readonly origin: string;
  close(): Promise<void>;
}

const RECORDS_MT = "application/vnd.vmware.vcloud.query.records+xml";

export function startPageServer(setup: PageServerSetup): Promise<PageServer> {
  const child: ChildProcess = fork(
    fileURLToPath(import.meta.url),
    ["--query-page-server-child"],
    { stdio: ["ignore", "inherit", "inherit", "ipc"] },
  );
  return new Promise((resolve, reject) => {
    child.once("error", reject);
    child.once("exit", (code) =>
      reject(new Error(`query page server exited (${code})`)),
    );
    child.once("message", (message) => {
      const { port } = message as { port: number };
      resolve({
        origin: `http://127.0.0.1:${port}`,
        close: () => stopChild(child),
      });
    });
    child.send(setup);
  });
}

function page(
  setup: PageServerSetup,
  origin: string,
  number: number,
  size: number,
): string {
  const pages = Math.max(1, Math.ceil(setup.total / size));
  const href = (p: number) =>
    `${origin}/api/query?type=vm&amp;page=${p}&amp;pageSize=${size}&amp;format=records`;
  const first = (number - 1) * size;
  const count = Math.max(0, Math.min(size, setup.total - first));
  const records: string[] = [];
  for (let i = first; i < first + count; i++)
    records.push(setup.record.replaceAll("{i}", String(i)));
  const next =
    number < pages
      ? `<Link rel="nextPage" type="${RECORDS_MT}" href="${href(number + 1)}"/>`
      : "";
  return `<?xml version="1.0" encoding="UTF-8"?>\n<QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" total="${setup.total}" pageSize="${size}" page="${number}" name="vm" type="${RECORDS_MT}" href="${href(number)}">${next}${records.join("")}</QueryResultRecords>`;
}

function serve(setup: PageServerSetup): void {
  const server = createServer((req, res) => {
    const url = new URL(req.url ?? "/", "http://127.0.0.1");
    const origin = `http://${req.headers.host ?? "127.0.0.1"}`;
    const size = Number(url.searchParams.get("pageSize") ?? 25);
    const number = Number(url.searchParams.get("page") ?? 1);
    const body = Buffer.from(page(setup, origin, number, size), "utf8");
    res.writeHead(200, {
      "Content-Type": `${RECORDS_MT};version=30.0`,
      "Content-Length": String(body.length),
    });
    res.end(body);
  });
  server.listen(0, "127.0.0.1", () => {
    const address = server.address();
    process.send!({ port: typeof address === "object" ? address?.port : 0 });
  });
  process.on("disconnect", () => process.exit(0));
}

if (process.argv[2] === "--query-page-server-child") {
  process.once("message", (setup) => serve(setup as PageServerSetup));
}
