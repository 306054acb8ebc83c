/**
 * vcd-codegen runtime, transfer: the `Files` of a template or media being moved (vCD's
 * `ResourceEntity/Files/File`: `name`, `size`, `bytesTransferred`, and a `Link` rel
 * `upload:default` while an upload is open, `download:default` once a download is enabled),
 * read from the entity's value as the client reads it (structurally: the generated types fit).
 */
import type { LinkLike } from "../client/links.js";

/** The fields of a `vcloud:File` that transfers read. */
export interface FileLike {
  readonly name?: string;
  readonly size?: number | string;
  readonly bytesTransferred?: number | string;
  readonly checksum?: string;
  readonly Link?: readonly LinkLike[];
}

/** A template or media: its href, status, files, tasks and links. */
export interface TransferEntity {
  readonly href?: string;
  readonly name?: string;
  readonly status?: number | string;
  readonly ovfDescriptorUploaded?: boolean | string;
  readonly Files?: { readonly File?: readonly FileLike[] };
  readonly Link?: readonly LinkLike[];
  readonly Tasks?: {
    readonly Task?: readonly {
      readonly href?: string;
      readonly status: string;
      readonly Link?: readonly LinkLike[];
    }[];
  };
}

/** One file of an entity, as a transfer uses it. */
export interface EntityFile {
  readonly name: string;
  /** Its size (-1 or undefined where vCD does not know it yet). */
  readonly size: number | undefined;
  readonly bytesTransferred: number | undefined;
  readonly upload: string | undefined;
  readonly download: string | undefined;
}

/** The entity's files, by name. */
export function entityFiles(entity: TransferEntity): Map<string, EntityFile> {
  const files = new Map<string, EntityFile>();
  for (const file of entity.Files?.File ?? []) {
    if (!file.name) continue;
    const link = (rel: string) => file.Link?.find((l) => l.rel === rel)?.href;
    files.set(file.name, {
      name: file.name,
      size: numberOf(file.size),
      bytesTransferred: numberOf(file.bytesTransferred),
      upload: link("upload:default"),
      download: link("download:default"),
    });
  }
  return files;
}

/** A `long` as the client reads it (a string or a number); undefined when absent or not a number. */
export function numberOf(
  value: number | string | undefined,
): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "number" ? value : Number(value);
  return Number.isFinite(n) ? n : undefined;
}
