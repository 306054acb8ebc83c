/**
 * vcd-codegen runtime, simulator: a folder of static files served beside the API (`staticDir`, the
 * CLI's `--static DIR`), as vCD serves its UI plugins from its own origin, so that a browser app
 * talks to the simulator from the same origin (no CORS, the token's origin rule as in production).
 * GET and HEAD of any path outside `/api` and `/transfer`: the file at that path below the folder,
 * `index.html` for a folder; 404 for anything else, and for a path that leaves the folder (`..`, also
 * encoded, or a link pointing out of it). Files are read when asked, never cached.
 */
import { readFile, realpath, stat } from "node:fs/promises";
import { extname, join, resolve, sep } from "node:path";
import type { Rendered } from "./render.js";

/** The media types of what a web app's folder holds. */
const TYPES: Readonly<Record<string, string>> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".json": "application/json",
  ".map": "application/json",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".txt": "text/plain; charset=utf-8",
  ".wasm": "application/wasm",
};

export class StaticFiles {
  private root: Promise<string> | undefined;

  constructor(private readonly dir: string) {}

  /** The answer to a GET or HEAD of `pathname` (not below /api), or a 404. */
  async answer(method: string, pathname: string): Promise<Rendered> {
    const file = await this.fileOf(pathname);
    if (!file || (method !== "GET" && method !== "HEAD"))
      return plain(file ? 405 : 404, file ? "Method Not Allowed" : "Not Found");
    const body = await readFile(file);
    return {
      status: 200,
      headers: {
        "Content-Type":
          TYPES[extname(file).toLowerCase()] ?? "application/octet-stream",
        "Content-Length": String(body.length),
        "Cache-Control": "no-cache",
      },
      body: method === "HEAD" ? Buffer.alloc(0) : body,
    };
  }

  /** The file a path names inside the folder, or undefined. */
  private async fileOf(pathname: string): Promise<string | undefined> {
    let decoded: string;
    try {
      decoded = decodeURIComponent(pathname);
    } catch {
      return undefined;
    }
    if (decoded.includes("\0") || decoded.split(/[\\/]/).includes(".."))
      return undefined;
    const root = await (this.root ??= realpath(resolve(this.dir)));
    let file = join(root, decoded);
    try {
      if ((await stat(file)).isDirectory()) file = join(file, "index.html");
      const real = await realpath(file);
      if (real !== root && !real.startsWith(root + sep)) return undefined;
      return (await stat(real)).isFile() ? real : undefined;
    } catch {
      return undefined;
    }
  }
}

function plain(status: number, text: string): Rendered {
  const body = Buffer.from(`${text}\n`);
  return {
    status,
    headers: {
      "Content-Type": "text/plain; charset=utf-8",
      "Content-Length": String(body.length),
    },
    body,
  };
}
