/**
 * vcd-codegen runtime, simulator: the spool, where the transfer service keeps the bytes (vCD's
 * "transfer folder in the spool area", as go-vcloud-director's `UploadOvf` describes it): one
 * temporary folder per simulator (`vcd-simulator-XXXXXX` in the OS's temporary folder), a folder per
 * transfer in it, a file per transferred file. Made at the first transfer; removed on `close()`;
 * emptied on `reset()`.
 */
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

export class Spool {
  private dir: string | undefined;

  /** The simulator's temporary folder, made when first needed (a simulator that transfers nothing leaves none). */
  get root(): string {
    this.dir ??= mkdtempSync(join(tmpdir(), "vcd-simulator-"));
    return this.dir;
  }

  /** A transfer's folder, created. */
  create(uuid: string): string {
    const dir = this.folder(uuid);
    mkdirSync(dir, { recursive: true });
    return dir;
  }

  folder(uuid: string): string {
    return join(this.root, uuid);
  }

  /** Where a file of a transfer is kept (its name is checked against the transfer's files first). */
  path(uuid: string, name: string): string {
    // Encoded, so that a name is one file in the transfer's folder: "" , "." and ".." included.
    const file = encodeURIComponent(name).replace(/^\.{0,2}$/, (dots) =>
      dots === "" ? "%" : dots.replaceAll(".", "%2E"),
    );
    return join(this.folder(uuid), file);
  }

  /** A transfer's bytes, removed. */
  remove(uuid: string): void {
    rmSync(this.folder(uuid), { recursive: true, force: true });
  }

  /** Every transfer's bytes removed; the folder stays. */
  empty(): void {
    if (this.dir === undefined) return;
    rmSync(this.dir, { recursive: true, force: true });
    mkdirSync(this.dir, { recursive: true });
  }

  close(): void {
    if (this.dir !== undefined)
      rmSync(this.dir, { recursive: true, force: true });
  }
}
