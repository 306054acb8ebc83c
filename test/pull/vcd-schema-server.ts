/**
 * A test server that serves an input folder's XSD set the way vCD does: every schema of
 * `xsd/rest-api/1.5/schemas/**` flat by its file name under `/api/v1.5/schema/` (where two share a
 * name, the first folder of master, vcloud, admin, extension, internal wins, as in the simulator),
 * each of those shared names also under its folder path (`/api/v1.5/schema/extension/services.xsd`),
 * the versions schema at `/api/versions/schema/versions.xsd`, and `GET /api/versions`. Anything else
 * is 404. Over http, or https with a given key and certificate; it records the paths asked.
 */
import { readdirSync, readFileSync } from "node:fs";
import http from "node:http";
import https from "node:https";
import type { AddressInfo, Socket } from "node:net";
import { basename, join, relative } from "node:path";

export interface SchemaServerOptions {
  /** File names answered with 404 (`vdc.xsd`). */
  readonly missing?: readonly string[];
  /** Paths that never answer. */
  readonly hang?: readonly string[];
  readonly tls?: { readonly key: string; readonly cert: string };
  /** The API versions `GET /api/versions` lists. */
  readonly versions?: readonly string[];
}

export interface SchemaServer {
  readonly url: string;
  readonly paths: string[];
  close(): Promise<void>;
}

const FOLDER_ORDER = ["master", "vcloud", "admin", "extension", "internal"];

export async function startSchemaServer(
  inputDir: string,
  options: SchemaServerOptions = {},
): Promise<SchemaServer> {
  const routes = schemaRoutes(inputDir);
  const versions = options.versions ?? ["29.0", "30.0"];
  const paths: string[] = [];
  const sockets = new Set<Socket>();
  const handler = (req: http.IncomingMessage, res: http.ServerResponse) => {
    const path = new URL(req.url ?? "/", "http://x").pathname;
    paths.push(path);
    if (options.hang?.includes(path)) return;
    if (path === "/api/versions") {
      res.writeHead(200, {
        "content-type": "application/vnd.vmware.vcloud.versions+xml",
      });
      return res.end(supportedVersions(versions));
    }
    const file = routes.get(path);
    if (!file || options.missing?.includes(basename(path))) {
      res.writeHead(404);
      return res.end();
    }
    res.writeHead(200, { "content-type": "application/xml" });
    res.end(readFileSync(file));
  };
  const server = options.tls
    ? https.createServer(
        { key: options.tls.key, cert: options.tls.cert },
        handler,
      )
    : http.createServer(handler);
  server.on("connection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  server.on("secureConnection", (socket: Socket) => {
    sockets.add(socket);
    socket.on("close", () => sockets.delete(socket));
  });
  await new Promise<void>((done) => server.listen(0, "127.0.0.1", done));
  const { port } = server.address() as AddressInfo;
  return {
    url: `${options.tls ? "https" : "http"}://127.0.0.1:${port}`,
    paths,
    close: () =>
      new Promise((done) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => done());
      }),
  };
}

/** Server path -> file. */
function schemaRoutes(inputDir: string): Map<string, string> {
  const root = join(inputDir, "xsd/rest-api/1.5/schemas");
  const rank = (folder: string) =>
    FOLDER_ORDER.includes(folder)
      ? FOLDER_ORDER.indexOf(folder)
      : FOLDER_ORDER.length;
  const files = listXsd(root).sort(
    (a, b) =>
      rank(folderOf(root, a)) - rank(folderOf(root, b)) || a.localeCompare(b),
  );
  const byName = new Map<string, string[]>();
  for (const file of files)
    byName.set(basename(file), [...(byName.get(basename(file)) ?? []), file]);
  const routes = new Map<string, string>();
  for (const [name, all] of byName) {
    routes.set(`/api/v1.5/schema/${name}`, all[0]);
    if (all.length > 1)
      for (const file of all)
        routes.set(
          `/api/v1.5/schema/${relative(root, file).split("\\").join("/")}`,
          file,
        );
  }
  routes.set(
    "/api/versions/schema/versions.xsd",
    join(inputDir, "xsd/rest-api/schemas/versioning/versions.xsd"),
  );
  return routes;
}

function folderOf(root: string, file: string): string {
  return relative(root, file).split(/[\\/]/)[0];
}

function listXsd(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return listXsd(path);
    return entry.name.endsWith(".xsd") ? [path] : [];
  });
}

function supportedVersions(versions: readonly string[]): string {
  const infos = versions
    .map(
      (v) =>
        `  <VersionInfo deprecated="false">\n    <Version>${v}</Version>\n    <LoginUrl>https://vcd.example.com/api/sessions</LoginUrl>\n  </VersionInfo>\n`,
    )
    .join("");
  return `<?xml version="1.0" encoding="UTF-8"?>\n<SupportedVersions xmlns="http://www.vmware.com/vcloud/versions">\n${infos}</SupportedVersions>\n`;
}
