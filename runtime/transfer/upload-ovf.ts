/**
 * vcd-codegen runtime, transfer: the guide's "Upload an OVF Package to Create a vApp Template".
 * The catalog's `add` link for `UploadVAppTemplateParams` (`POST /catalog/{id}/action/upload`)
 * creates the template, which lists one file, `descriptor.ovf`, with its upload link; once the
 * descriptor is PUT there, vCD lists the files its `ovf:References` name, each with its own; each
 * is PUT in pieces; then the template's task ends, and the template with it (status 8).
 *
 * An `.ova` (a tar: the descriptor first, then the files, and perhaps a manifest) is read as a
 * stream, its files sent in the archive's order. A manifest (`.mf`, given or in the OVA before the
 * files it lists) is checked as each file is read: a file whose digest differs is never completed,
 * the template's upload task is cancelled (nothing can mend it: vCD would keep a template stuck in
 * its upload), and the upload fails with a `VcdTransferError` naming the file. Any failure before
 * every file is in (a piece, an abort) cancels the task too: vCD removes the template.
 */
import type { VcdClient } from "../client/client.js";
import { underTransferDeadline } from "./transfer-failure.js";
import { VcdRequestError } from "../client/errors.js";
import type { HasLinks } from "../client/links.js";
import { waitForTasks } from "../client/tasks.js";
import type { Document } from "../xml/index.js";
import { chunksOf, sourceSize, type ByteSource } from "./byte-source.js";
import type { TransferEntity } from "./entity-files.js";
import { waitForFiles } from "./entity-polling.js";
import { valueOf, needsOperations } from "./follow-action.js";
import { readManifest, type ManifestEntry } from "./manifest.js";
import { ovfFiles, type OvfFile } from "./ovf-files.js";
import {
  resolveTransferOptions,
  type TransferOptions,
} from "./transfer-options.js";
import { VcdTransferError } from "./transfer-error.js";
import { startUpload } from "./start-upload.js";
import { UstarReader, type TarEntry } from "./ustar-reader.js";
import { readText } from "./read-text.js";
import {
  uploadFile,
  type Totals,
  type UploadedFile,
  type UploadFileContext,
} from "./upload-file.js";

/** The media type of the catalog's `add` link for templates. */
export const UPLOAD_VAPP_TEMPLATE_PARAMS =
  "application/vnd.vmware.vcloud.uploadVAppTemplateParams+xml";

/** The name vCD gives the descriptor's file. */
export const DESCRIPTOR_FILE = "descriptor.ovf";

/** The name vCD gives the manifest's file (listed when the upload says `manifestRequired`). */
export const MANIFEST_FILE = "descriptor.mf";

export interface UploadOvfOptions extends TransferOptions {
  /** The template's name. */
  readonly name: string;
  readonly description?: string;
  /** The OVF descriptor (with `files`). */
  readonly descriptor?: string;
  /** The files the descriptor references, by their `ovf:href` (with `descriptor`). */
  readonly files?: Readonly<Record<string, ByteSource>>;
  /** An OVA (instead of `descriptor` and `files`): read as a stream. */
  readonly ova?: ByteSource;
  /**
   * A manifest's text (`SHA256(disk1.vmdk)= ...`), for `descriptor` and `files`; an OVA's own is
   * read from it (the entry after the descriptor). It is uploaded too (`manifestRequired`: vCD
   * checks each file against it and fails the task when one differs).
   */
  readonly manifest?: string;
  /** Check the files against the manifest here, as they are read (default `true`); vCD checks them anyway. */
  readonly checkManifest?: boolean;
}

/** What `uploadOvf` did. */
export interface UploadOvfResult<T = Record<string, unknown>> {
  /** The template as it is once its task ended (status 8, resolved). */
  readonly template: T & TransferEntity;
  /** The descriptor and each file, in the order sent. */
  readonly files: readonly UploadedFile[];
}

/** Uploads an OVF package (or an OVA) into `catalog` (its value, or a document holding it) as a new template. */
export async function uploadOvf<T = Record<string, unknown>>(
  client: VcdClient,
  catalog: HasLinks | Document,
  options: UploadOvfOptions,
): Promise<UploadOvfResult<T>> {
  needsOperations(client, "uploadOvf");
  const resolved = resolveTransferOptions(options);
  if ((options.ova === undefined) === (options.descriptor === undefined))
    throw new VcdRequestError(
      "uploadOvf: give either ova, or descriptor and files",
    );
  return underTransferDeadline(
    "uploadOvf",
    resolved.timeout,
    options.signal,
    async (signal, undo) => {
      const ova =
        options.ova === undefined ? undefined : ovaReader(options.ova);
      const descriptor = ova
        ? await ova.descriptor()
        : { name: DESCRIPTOR_FILE, text: options.descriptor! };
      const references = ovfFiles(descriptor.text, descriptor.name);
      const check = options.checkManifest ?? true;
      // The manifest: given, or the OVA's entry right after the descriptor (where DSP0243 puts it).
      let manifestText = options.manifest;
      let manifestName = "manifest.mf";
      let pending: TarEntry | undefined;
      if (ova) {
        pending = await ova.reader.next();
        if (pending && pending.name.endsWith(".mf")) {
          manifestName = pending.name;
          manifestText = await readText(
            pending.chunks,
            pending.size,
            pending.name,
          );
          pending = undefined;
        }
      }
      const manifest =
        manifestText === undefined
          ? undefined
          : readManifest(manifestText, manifestName);
      const expected = (name: string): ManifestEntry | undefined =>
        check ? manifest?.get(name) : undefined;
      const descriptorBytes = new TextEncoder().encode(descriptor.text);
      const manifestBytes =
        manifestText === undefined
          ? undefined
          : new TextEncoder().encode(manifestText);
      // The descriptor is checked before anything is sent (the manifest names it by its own name).
      const descriptorDigest = expected(descriptor.name);
      if (descriptorDigest && options.hash) {
        const hash = options.hash(descriptorDigest.algorithm);
        hash.update(descriptorBytes);
        const actual = hash.digest();
        if (actual !== descriptorDigest.digest)
          throw new VcdTransferError(
            `its ${descriptorDigest.algorithm.toUpperCase()} is ${actual}, the manifest says ${descriptorDigest.digest}: nothing sent`,
            {
              file: descriptor.name,
              offset: 0,
              digest: { actual, expected: descriptorDigest.digest },
            },
          );
      }
      if (!ova) missingFiles(references, options.files ?? {});
      const total = ova
        ? undefined
        : sumOf(references, options.files ?? {}) +
          descriptorBytes.byteLength +
          (manifestBytes?.byteLength ?? 0);

      const upload = await startUpload(
        client,
        valueOf(catalog),
        UPLOAD_VAPP_TEMPLATE_PARAMS,
        {
          element: "vcloud:UploadVAppTemplateParams",
          value: {
            name: options.name,
            // vCD then lists the manifest among the files to upload, and checks the files against it.
            ...(manifestBytes ? { manifestRequired: true } : {}),
            ...(options.description === undefined
              ? {}
              : { Description: options.description }),
          },
        },
        DESCRIPTOR_FILE,
        "uploadOvf",
        signal,
      );
      const href = upload.href;
      // From here a failure (a file's bytes wrong, a piece failed, an abort) cancels the
      // upload's task: vCD removes the template, and its name is free again.
      undo.cancel = upload.cancel;
      const totals: Totals = {
        bytes: 0,
        total: Number.isNaN(total) ? undefined : total,
        onProgress: options.onProgress,
      };
      const context: UploadFileContext = {
        client,
        entity: href,
        options: resolved,
        hash: options.hash,
        signal,
        totals,
      };
      const sent: UploadedFile[] = [];
      sent.push(
        await uploadFile(
          context,
          upload.files.get(DESCRIPTOR_FILE)!,
          descriptorBytes,
          descriptorBytes.byteLength,
          undefined,
        ),
      );
      const listed = await waitForFiles(
        client,
        href,
        [
          ...references.map((f) => f.href),
          ...(manifestBytes ? [MANIFEST_FILE] : []),
        ],
        "upload",
        signal,
      );
      if (manifestBytes)
        sent.push(
          await uploadFile(
            context,
            listed.files.get(MANIFEST_FILE)!,
            manifestBytes,
            manifestBytes.byteLength,
            undefined,
          ),
        );
      const sizes = new Map(references.map((f) => [f.href, f.size]));
      if (ova) {
        const left = new Set(references.map((f) => f.href));
        for (
          let entry = pending ?? (await ova.reader.next());
          entry;
          entry = await ova.reader.next()
        ) {
          const name = entry.name.replace(/^\.\//, "");
          const file = listed.files.get(name);
          // A certificate, a manifest out of its place, what the descriptor does not name: not sent.
          if (!file || !left.has(name)) continue;
          left.delete(name);
          sent.push(
            await uploadFile(
              context,
              file,
              entry.chunks,
              entry.size,
              expected(name),
            ),
          );
        }
        if (left.size)
          throw new VcdTransferError(
            `the OVA holds no ${[...left].join(", ")}, which the descriptor references`,
            { file: descriptor.name, offset: 0, entity: href },
          );
      } else {
        for (const reference of references) {
          const source = options.files![reference.href];
          sent.push(
            await uploadFile(
              context,
              listed.files.get(reference.href)!,
              source,
              sourceSize(source) ?? sizes.get(reference.href),
              expected(reference.href),
            ),
          );
        }
      }
      undo.cancel = undefined;
      const template = await waitForTasks(client, listed.entity, {
        signal,
        timeout: resolved.timeout,
      });
      return { template: template as T & TransferEntity, files: sent };
    },
  );
}

/** An OVA being read: its descriptor first, then its files from `reader`. */
function ovaReader(ova: ByteSource) {
  const reader = new UstarReader(chunksOf(ova), "archive.ova");
  return {
    reader,
    async descriptor(): Promise<{ name: string; text: string }> {
      const first = await reader.next();
      if (!first || !first.name.endsWith(".ovf"))
        throw new VcdTransferError(
          `an OVA begins with its OVF descriptor (DSP0243 5.3); this one begins with ${first ? first.name : "nothing"}`,
          { file: "archive.ova", offset: 0 },
        );
      return {
        name: first.name,
        text: await readText(first.chunks, first.size, first.name),
      };
    },
  };
}

/** Refuses, before anything is sent, files the descriptor references and `files` lacks. */
function missingFiles(
  references: readonly OvfFile[],
  files: Readonly<Record<string, ByteSource>>,
): void {
  const missing = references
    .filter((f) => !(f.href in files))
    .map((f) => f.href);
  if (missing.length)
    throw new VcdRequestError(
      `uploadOvf: the descriptor references ${missing.join(", ")}, which files does not hold`,
    );
}

/** The bytes of the files, NaN when a size is not known. */
function sumOf(
  references: readonly OvfFile[],
  files: Readonly<Record<string, ByteSource>>,
): number {
  let total = 0;
  for (const f of references)
    total += sourceSize(files[f.href]) ?? f.size ?? NaN;
  return total;
}
