/**
 * Raw-fetch helpers for the transfer service tests: an OVF package generated in the test (a
 * descriptor naming its disks, deterministic bytes), starting its upload through the catalog's add
 * link, PUTs of byte ranges to a File's `upload:default` href, reading a template's `Files`.
 */
import { createHash } from "node:crypto";
import { request } from "node:http";
import { expect } from "vitest";
import {
  VCLOUD_NS,
  type Entity,
  type UserSession,
} from "../simulator/helpers/session.js";

export const UPLOAD_PARAMS =
  "application/vnd.vmware.vcloud.uploadVAppTemplateParams+xml";

export interface PackageFile {
  readonly name: string;
  readonly bytes: Buffer;
}

/** `size` deterministic bytes (a seeded xorshift), so that a digest mismatch is no accident. */
export function bytesOf(size: number, seed: number): Buffer {
  const out = Buffer.alloc(size);
  let x = seed | 1;
  for (let i = 0; i < size; i++) {
    x ^= x << 13;
    x ^= x >>> 17;
    x ^= x << 5;
    out[i] = x & 0xff;
  }
  return out;
}

export const sha256 = (bytes: Buffer): string =>
  createHash("sha256").update(bytes).digest("hex");

/** An OVF 1.x descriptor naming the disks (with their sizes) and a virtual system per name. */
export function descriptorOf(
  disks: readonly PackageFile[],
  systems: readonly string[],
): string {
  const ovf = "http://schemas.dmtf.org/ovf/envelope/1";
  return `<?xml version="1.0" encoding="UTF-8"?>
<ovf:Envelope xmlns:ovf="${ovf}">
  <ovf:References>
${disks.map((d, i) => `    <ovf:File ovf:id="file${i + 1}" ovf:href="${d.name}" ovf:size="${d.bytes.length}"/>`).join("\n")}
  </ovf:References>
  <ovf:VirtualSystemCollection ovf:id="vapp">
${systems.map((s) => `    <ovf:VirtualSystem ovf:id="${s}"><ovf:Info>A VM</ovf:Info><ovf:Name>${s}</ovf:Name></ovf:VirtualSystem>`).join("\n")}
  </ovf:VirtualSystemCollection>
</ovf:Envelope>
`;
}

/** The first catalog's add link for templates, POSTed: the CatalogItem (201) and its template's href. */
export async function startUpload(
  session: UserSession,
  name: string,
  manifestRequired = false,
): Promise<{ item: Entity; templateHref: string }> {
  const catalogs = (await session.get("/query?type=catalog"))
    .Record as Entity[];
  const catalog = await session.get(catalogs[0].href);
  const add = catalog.Link!.find(
    (l) => l.rel === "add" && l.type === UPLOAD_PARAMS,
  )!;
  const r = await session.send(
    "POST",
    add.href,
    UPLOAD_PARAMS,
    `<UploadVAppTemplateParams xmlns="${VCLOUD_NS}" name="${name}" manifestRequired="${manifestRequired}"><Description>uploaded</Description></UploadVAppTemplateParams>`,
  );
  expect(r.status, r.body).toBe(201);
  expect(r.element).toBe("vcloud:CatalogItem");
  return {
    item: r.value!,
    templateHref: (r.value!.Entity as Entity).href,
  };
}

export interface ListedFile {
  readonly name: string;
  readonly size: number;
  readonly bytesTransferred: number;
  readonly href: string;
  readonly rel: string;
}

/** The template's `Files`, by name. */
export async function filesOf(
  session: UserSession,
  href: string,
): Promise<Map<string, ListedFile>> {
  const t = await session.get(href, "vcloud:VAppTemplate");
  const files = ((t.Files as { File?: Entity[] } | undefined)?.File ??
    []) as (Entity & {
    size: number | string;
    bytesTransferred: number | string;
  })[];
  return new Map(
    files.map((f) => [
      f.name,
      {
        name: f.name,
        size: Number(f.size),
        bytesTransferred: Number(f.bytesTransferred),
        href: f.Link![0].href,
        rel: f.Link![0].rel,
      },
    ]),
  );
}

/** A PUT of `bytes[start..end]` with its `Content-Range` (or the whole body without one). */
export async function put(
  session: UserSession,
  href: string,
  bytes: Buffer,
  range?: { start: number; end: number; total?: number },
): Promise<Response> {
  const body = range ? bytes.subarray(range.start, range.end + 1) : bytes;
  return fetch(href, {
    method: "PUT",
    headers: {
      "x-vcloud-authorization": session.headers["x-vcloud-authorization"],
      ...(range
        ? {
            "Content-Range": `bytes ${range.start}-${range.end}/${range.total ?? bytes.length}`,
          }
        : {}),
    },
    body: new Uint8Array(body),
    signal: AbortSignal.timeout(10_000),
  });
}

/** PUTs `bytes[from..to)` of a file in pieces of `piece` bytes, each answered 200. */
export async function putInPieces(
  session: UserSession,
  href: string,
  bytes: Buffer,
  piece: number,
  from = 0,
  to = bytes.length,
): Promise<void> {
  for (let start = from; start < to; start += piece) {
    const end = Math.min(start + piece, to) - 1;
    const r = await put(session, href, bytes, { start, end });
    expect(r.status, `${href} ${start}-${end}: ${await r.text()}`).toBe(200);
  }
}

/** An upload of the package's descriptor done: the template's files, by name. */
export async function withDescriptor(
  session: UserSession,
  templateHref: string,
  descriptor: string,
): Promise<Map<string, ListedFile>> {
  const files = await filesOf(session, templateHref);
  const r = await put(
    session,
    files.get("descriptor.ovf")!.href,
    Buffer.from(descriptor, "utf8"),
  );
  expect(r.status, await r.text()).toBe(200);
  return filesOf(session, templateHref);
}

/**
 * A PUT whose connection is cut after `sent` bytes of a piece declared as `bytes[start..end]`
 * (node:http, so that the body can stop half-way): resolves once the socket is closed.
 */
export function putCutOff(
  session: UserSession,
  href: string,
  bytes: Buffer,
  range: { start: number; end: number },
  sent: number,
): Promise<void> {
  const url = new URL(href);
  return new Promise((resolve) => {
    const req = request({
      host: url.hostname,
      port: url.port,
      path: url.pathname,
      method: "PUT",
      headers: {
        "x-vcloud-authorization": session.headers["x-vcloud-authorization"],
        "Content-Range": `bytes ${range.start}-${range.end}/${bytes.length}`,
        "Content-Length": String(range.end - range.start + 1),
      },
    });
    req.on("error", () => resolve());
    req.on("close", () => resolve());
    req.write(bytes.subarray(range.start, range.start + sent), () =>
      setTimeout(() => req.destroy(), 50),
    );
  });
}

/** Polls (at most 200 times, 5 ms apart) until `check` holds; fails the test otherwise. */
export async function eventually<T>(
  read: () => Promise<T>,
  check: (value: T) => boolean,
): Promise<T> {
  let value = await read();
  for (let i = 0; i < 200 && !check(value); i++) {
    await new Promise((r) => setTimeout(r, 5));
    value = await read();
  }
  expect(check(value), JSON.stringify(value)).toBe(true);
  return value;
}

/** A GET of a transfer href with the session's token (and a `Range`, if given). */
export function get(
  session: UserSession,
  href: string,
  range?: string,
): Promise<Response> {
  return fetch(href, {
    headers: {
      "x-vcloud-authorization": session.headers["x-vcloud-authorization"],
      ...(range ? { Range: range } : {}),
    },
    signal: AbortSignal.timeout(10_000),
  });
}
