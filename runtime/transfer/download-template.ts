/**
 * vcd-codegen runtime, transfer: the guide's "Download a vApp Template as OVF". The template's
 * `enable` link (`POST /vAppTemplate/{id}/action/enableDownload`) starts a task; once it ends the
 * template links its descriptor (`rel="download:default"`, `.../descriptor.ovf`, on the template or
 * on its `descriptor.ovf` File) and its files carry download links. The descriptor is read, then each file it references is streamed into
 * the sink the caller gives for its name (from the File's link, else the descriptor's URL with the
 * file's `ovf:href` in place of its last segment, as vCD lays them out).
 */
import type { VcdClient } from "../client/client.js";
import { underTransferDeadline } from "./transfer-failure.js";
import { VcdRequestError, VcdResponseError } from "../client/errors.js";
import { findLink, type HasLinks } from "../client/links.js";
import { waitForTask, type TaskLike } from "../client/tasks.js";
import type { Document } from "../xml/index.js";
import { sinkWriter, type ByteSink } from "./byte-sink.js";
import type { DigestAlgorithm } from "./digest.js";
import { entityFiles, type TransferEntity } from "./entity-files.js";
import { readEntity } from "./entity-polling.js";
import { followAction, valueOf, needsOperations } from "./follow-action.js";
import { ovfFiles } from "./ovf-files.js";
import { receiveFile } from "./receive-file.js";
import {
  resolveTransferOptions,
  type ResolvedTransferOptions,
  type TransferOptions,
} from "./transfer-options.js";
import type { Totals } from "./upload-file.js";

/** Where each file of a download goes: a sink for its name (`descriptor.ovf`, `disk1.vmdk`). */
export type FileSinks = (name: string) => ByteSink | Promise<ByteSink>;

/** What one file's download did. */
export interface DownloadedFile {
  readonly name: string;
  readonly bytes: number;
  /** SHA-256, where the options carry a hash factory (the Node entry's do). */
  readonly digest?: {
    readonly algorithm: DigestAlgorithm;
    readonly hex: string;
  };
}

export interface DownloadTemplateResult<T = Record<string, unknown>> {
  /** The template as read once its download was enabled. */
  readonly template: T & TransferEntity;
  /** The descriptor's text. */
  readonly descriptor: string;
  /** The descriptor (as `descriptor.ovf`) and each file, in the descriptor's order. */
  readonly files: readonly DownloadedFile[];
}

/** Downloads a template (its value or a document holding it) as an OVF package into `sinks`. */
export async function downloadTemplate<T = Record<string, unknown>>(
  client: VcdClient,
  template: TransferEntity | Document,
  sinks: FileSinks,
  options: TransferOptions = {},
): Promise<DownloadTemplateResult<T>> {
  needsOperations(client, "downloadTemplate");
  const resolved = resolveTransferOptions(options);
  return underTransferDeadline(
    "downloadTemplate",
    resolved.timeout,
    options.signal,
    async (signal) => {
      const href = valueOf<TransferEntity>(template).href;
      if (!href)
        throw new VcdRequestError("downloadTemplate: the template has no href");
      const entity = await enabledForDownload(client, href, signal, resolved);
      const listed = entityFiles(entity);
      const descriptorHref =
        findLink(entity, "download:default")?.href ??
        listed.get("descriptor.ovf")?.download;
      if (!descriptorHref)
        throw new VcdResponseError(
          "the template has no download:default link for its descriptor (on it, or on its descriptor.ovf File) once its download is enabled",
          { method: "GET", url: href, status: 200, body: "" },
        );
      const parts: Uint8Array[] = [];
      const files: DownloadedFile[] = [];
      const totals: Totals = {
        bytes: 0,
        total: undefined,
        onProgress: options.onProgress,
      };
      const collect = async (chunk: Uint8Array) => {
        parts.push(chunk.slice());
      };
      files.push(
        await downloadInto(
          client,
          "descriptor.ovf",
          descriptorHref,
          collect,
          resolved,
          options,
          signal,
          totals,
          false,
        ),
      );
      const descriptor = new TextDecoder().decode(join(parts));
      const name = "descriptor.ovf";
      const writer = sinkWriter(await sinks(name));
      await writer.write(new TextEncoder().encode(descriptor));
      await writer.close();
      for (const reference of ovfFiles(descriptor)) {
        const fileHref =
          listed.get(reference.href)?.download ??
          new URL(encodeURI(reference.href), descriptorHref).href;
        files.push(
          await downloadInto(
            client,
            reference.href,
            fileHref,
            await sinks(reference.href),
            resolved,
            options,
            signal,
            totals,
            true,
          ),
        );
      }
      return { template: entity as T & TransferEntity, descriptor, files };
    },
  );
}

/**
 * The entity once its download is enabled: its `enable` link followed and the task that answers
 * waited for, when it has no download link yet (a template or media already enabled is not again).
 */
export async function enabledForDownload(
  client: VcdClient,
  href: string,
  signal: AbortSignal,
  options: ResolvedTransferOptions,
): Promise<TransferEntity> {
  const entity = await readEntity(client, href, signal);
  if (findLink(entity, "download:default") || hasFileDownloads(entity))
    return entity;
  const reply = await followAction(
    client,
    entity as HasLinks,
    "enable",
    undefined,
    undefined,
    signal,
  );
  if (reply.element === "vcloud:Task")
    await waitForTask(client, reply.value as TaskLike, {
      signal,
      timeout: options.timeout,
    });
  return readEntity(client, href, signal);
}

function hasFileDownloads(entity: TransferEntity): boolean {
  return [...entityFiles(entity).values()].some(
    (f) => f.download !== undefined,
  );
}

/** One file into its sink (closed when done, aborted on failure). */
export async function downloadInto(
  client: VcdClient,
  name: string,
  href: string,
  sink: ByteSink,
  resolved: ResolvedTransferOptions,
  options: TransferOptions,
  signal: AbortSignal,
  totals: Totals,
  report: boolean,
): Promise<DownloadedFile> {
  const writer = sinkWriter(sink);
  const hash = options.hash?.("sha256");
  const base = totals.bytes;
  try {
    const bytes = await receiveFile(client, { name, href }, writer, {
      retries: resolved.retries,
      pieceTimeout: resolved.pieceTimeout,
      signal,
      onBytes: hash ? (chunk) => hash.update(chunk) : undefined,
      onChunk: report
        ? (fileBytes, fileSize) =>
            totals.onProgress?.({
              file: name,
              fileBytes,
              fileSize,
              bytes: base + fileBytes,
              total: totals.total,
            })
        : undefined,
    });
    await writer.close();
    totals.bytes = base + bytes;
    return {
      name,
      bytes,
      ...(hash
        ? { digest: { algorithm: "sha256" as const, hex: hash.digest() } }
        : {}),
    };
  } catch (error) {
    await writer.abort(error);
    throw error;
  }
}

function join(parts: readonly Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.byteLength;
  }
  return out;
}
