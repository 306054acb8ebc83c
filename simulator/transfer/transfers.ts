/**
 * vcd-codegen runtime, simulator: the transfers the transfer service knows, by the uuid of their
 * URL (`/transfer/{uuid}/{file}`). A transfer belongs to an organization and an entity (a vApp
 * template, a media image); it takes PUTs while it uploads and answers GETs while it serves a
 * download. Each file counts the bytes received in order (`bytesTransferred`) and digests them as
 * they come (SHA-256 and SHA-1: what an OVF manifest names), so that nothing is read twice. The bytes
 * are in the spool (spool.ts), never in memory.
 */
import { createHash, type Hash } from "node:crypto";
import { truncateSync, writeFileSync } from "node:fs";
import { Spool } from "./spool.js";

export type TransferEntityKind = "vAppTemplate" | "media";

export interface TransferFile {
  readonly name: string;
  /** Bytes; -1 while unknown (a descriptor before it is sent, a file the descriptor gives no size). */
  size: number;
  /** The size it was listed with (-1: taken from the first PUT's `Content-Range` total or body). */
  readonly listedSize: number;
  bytesTransferred: number;
  /** The digests of the bytes received so far, in order. */
  sha256: Hash;
  sha1: Hash;
  /** The digests once the file is complete (hex). */
  digests?: { readonly sha256: string; readonly sha1: string };
  /** A PUT is writing it. */
  busy: boolean;
}

/** What the entity's rules do as the bytes come. */
export interface TransferHooks {
  /** A file is complete. A `VcdFault` thrown refuses the PUT that completed it. */
  completed(transfer: Transfer, file: TransferFile): Promise<void>;
  /** Bytes came (a task's progress). */
  moved(transfer: Transfer): void;
}

export interface Transfer {
  readonly uuid: string;
  readonly orgId: string;
  readonly entity: { readonly kind: TransferEntityKind; readonly id: string };
  /** `upload`: its files take PUTs; `download`: they answer GETs; `done`: neither (kept for a download). */
  state: "upload" | "download" | "done";
  /** The transfer whose folder holds the bytes (its own, or the upload's a download serves). */
  readonly folder: string;
  readonly files: Map<string, TransferFile>;
  readonly hooks?: TransferHooks;
  /** Requests writing into it (destroyed when it is removed). */
  readonly writers: Set<{ destroy(): void }>;
}

export class Transfers {
  private readonly byUuid = new Map<string, Transfer>();
  readonly spool: Spool = new Spool();

  constructor(private readonly nextId: () => string) {}

  /** A new transfer taking uploads, with its folder. */
  openUpload(
    orgId: string,
    entity: Transfer["entity"],
    hooks: TransferHooks,
  ): Transfer {
    const uuid = this.nextId();
    this.spool.create(uuid);
    return this.add({
      uuid,
      orgId,
      entity,
      state: "upload",
      folder: uuid,
      files: new Map(),
      hooks,
      writers: new Set(),
    });
  }

  /** A new transfer serving the files of `source` (complete ones) for download. */
  openDownload(source: Transfer): Transfer {
    const files = new Map<string, TransferFile>();
    for (const f of source.files.values()) if (f.digests) files.set(f.name, f);
    return this.add({
      uuid: this.nextId(),
      orgId: source.orgId,
      entity: source.entity,
      state: "download",
      folder: source.folder,
      files,
      writers: new Set(),
    });
  }

  addFile(transfer: Transfer, name: string, size: number): TransferFile {
    const file: TransferFile = {
      name,
      size,
      listedSize: size,
      bytesTransferred: 0,
      sha256: createHash("sha256"),
      sha1: createHash("sha1"),
      busy: false,
    };
    // A file of no bytes is complete as listed.
    if (size === 0)
      file.digests = {
        sha256: file.sha256.digest("hex"),
        sha1: file.sha1.digest("hex"),
      };
    transfer.files.set(name, file);
    return file;
  }

  /**
   * A finished transfer holding the given files (no URL of its own: what a download of an entity
   * that was never uploaded serves, its descriptor written by the simulator).
   */
  stored(
    orgId: string,
    entity: Transfer["entity"],
    files: readonly { readonly name: string; readonly bytes: Buffer }[],
  ): Transfer {
    const uuid = this.nextId();
    this.spool.create(uuid);
    const transfer = this.add({
      uuid,
      orgId,
      entity,
      state: "done",
      folder: uuid,
      files: new Map(),
      writers: new Set(),
    });
    for (const { name, bytes } of files) {
      const file = this.addFile(transfer, name, bytes.length);
      writeFileSync(this.path(transfer, file), bytes);
      file.bytesTransferred = bytes.length;
      file.digests ??= {
        sha256: file.sha256.update(bytes).digest("hex"),
        sha1: file.sha1.update(bytes).digest("hex"),
      };
    }
    return transfer;
  }

  /** A file starts over: no bytes, fresh digests (a descriptor refused). */
  restart(transfer: Transfer, file: TransferFile): void {
    truncateSync(this.path(transfer, file), 0);
    file.bytesTransferred = 0;
    file.size = file.listedSize;
    file.sha256 = createHash("sha256");
    file.sha1 = createHash("sha1");
    delete file.digests;
  }

  get(uuid: string): Transfer | undefined {
    return this.byUuid.get(uuid);
  }

  /** Where a file's bytes are kept. */
  path(transfer: Transfer, file: TransferFile): string {
    return this.spool.path(transfer.folder, file.name);
  }

  /** A transfer ended without its bytes (cancelled, deleted, failed): writers cut off, bytes removed. */
  remove(transfer: Transfer): void {
    this.close(transfer);
    for (const t of [...this.byUuid.values()])
      if (t.folder === transfer.folder) this.close(t);
    this.spool.remove(transfer.folder);
  }

  /** A transfer's URL no longer answers (a download disabled); its bytes stay. */
  close(transfer: Transfer): void {
    for (const w of transfer.writers) w.destroy();
    transfer.writers.clear();
    this.byUuid.delete(transfer.uuid);
  }

  /** Every transfer gone, the spool emptied (the simulator's reset). */
  reset(): void {
    for (const t of this.byUuid.values())
      for (const w of t.writers) w.destroy();
    this.byUuid.clear();
    this.spool.empty();
  }

  /** The spool removed (the simulator closes). */
  dispose(): void {
    for (const t of this.byUuid.values())
      for (const w of t.writers) w.destroy();
    this.byUuid.clear();
    this.spool.close();
  }

  private add(transfer: Transfer): Transfer {
    this.byUuid.set(transfer.uuid, transfer);
    return transfer;
  }
}
