/**
 * The package cache: what a generation made (its files, and the summary of its model the CLI prints),
 * kept under a key of everything that shapes it (generation-key.ts) and checked against the inputs'
 * content on every use, so that running `generate` again on unchanged inputs and options gives the
 * same package without loading, modelling and emitting again.
 *
 * An entry is one file, `<key>.pkg`: a line of JSON (the files read with their sha256, the folders
 * listed with what they held, the summary, the warnings, the length of each file), then the files'
 * texts one after the other. It is written to a temporary file
 * and renamed into place, so a reader never sees half of one; an entry that cannot be read is as no
 * entry. The cache keeps the newest `MAX_ENTRIES` entries. Nothing here ever fails a generation: a
 * cache that cannot be written is left alone.
 */
import {
  closeSync,
  existsSync,
  mkdirSync,
  openSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writevSync,
} from "node:fs";
import { dirname, join } from "node:path";
import type { OutputFile } from "../emit/output-file.js";
import {
  InputFiles,
  type FileRead,
  type FolderListed,
  type InputsRead,
} from "../load/input-files.js";
import type { PackageSummary } from "../model/summary.js";

/** A generation, as stored. */
export interface CachedPackage {
  readonly summary: PackageSummary;
  /** The warnings it printed, formatted. */
  readonly warnings: readonly string[];
  readonly files: OutputFile[];
}

interface EntryHeader {
  readonly format: 1;
  readonly summary: PackageSummary;
  readonly warnings: readonly string[];
  readonly files: readonly { readonly path: string; readonly bytes: number }[];
  /** The files read (paths and sha256), and the folders listed. */
  readonly read: readonly FileRead[];
  readonly listings: readonly FolderListed[];
}

/** How many generations a cache folder keeps (a project generates one or two packages). */
export const MAX_ENTRIES = 4;

/** A temporary entry older than this was left by a run that was killed while writing it. */
const STALE_TEMPORARY_MS = 10 * 60 * 1000;

/** Removes a file if it can; the cache never fails a run. */
function removeQuietly(file: string): void {
  try {
    rmSync(file, { force: true });
  } catch {
    // Read-only, or not ours to remove: left as it is.
  }
}

export class PackageCache {
  constructor(
    /** The folder of the entries. */
    readonly dir: string,
  ) {}

  /**
   * The cache of a project: `node_modules/.cache/vcd-codegen` at its root where it has a
   * `node_modules`, else `.vcd-codegen-cache` beside the output folder (never inside it).
   */
  static forProject(projectRoot: string, outDir: string): PackageCache {
    const modules = join(projectRoot, "node_modules");
    return new PackageCache(
      existsSync(modules)
        ? join(modules, ".cache", "vcd-codegen")
        : join(dirname(outDir), ".vcd-codegen-cache"),
    );
  }

  /** The entry of `key`, if there is one and the inputs it was made from are as they were. */
  lookup(key: string): CachedPackage | undefined {
    const file = this.entryFile(key);
    let bytes: Buffer;
    try {
      bytes = readFileSync(file);
    } catch {
      return undefined;
    }
    try {
      const newline = bytes.indexOf(10);
      if (newline < 0) throw new Error("no header");
      const header = JSON.parse(
        bytes.toString("utf8", 0, newline),
      ) as EntryHeader;
      if (header.format !== 1) throw new Error("another format");
      if (!unchanged(header)) return undefined;
      let at = newline + 1;
      const files: OutputFile[] = header.files.map(
        ({ path, bytes: length }) => {
          const content = bytes.toString("utf8", at, at + length);
          at += length;
          return { path, content };
        },
      );
      if (at !== bytes.length) throw new Error("truncated");
      return { summary: header.summary, warnings: header.warnings, files };
    } catch {
      removeQuietly(file);
      return undefined;
    }
  }

  /** Keeps a generation under `key` (best effort: a cache that cannot be written is skipped). */
  store(
    key: string,
    generation: {
      readonly summary: PackageSummary;
      readonly files: readonly OutputFile[];
      readonly warnings: readonly string[];
      readonly inputs: InputsRead;
    },
  ): void {
    const contents = generation.files.map((f) =>
      Buffer.from(f.content, "utf8"),
    );
    const header: EntryHeader = {
      format: 1,
      summary: generation.summary,
      warnings: generation.warnings,
      files: generation.files.map((f, i) => ({
        path: f.path,
        bytes: contents[i].length,
      })),
      read: generation.inputs.files,
      listings: generation.inputs.listings,
    };
    const file = this.entryFile(key);
    const temporary = `${file}.${process.pid}.tmp`;
    try {
      mkdirSync(this.dir, { recursive: true });
      // Never committed by accident, wherever it lives (as pytest's cache does).
      const ignore = join(this.dir, ".gitignore");
      if (!existsSync(ignore)) writeFileSync(ignore, "*\n");
      const fd = openSync(temporary, "w");
      try {
        writevSync(fd, [
          Buffer.from(`${JSON.stringify(header)}\n`, "utf8"),
          ...contents,
        ]);
      } finally {
        closeSync(fd);
      }
      renameSync(temporary, file);
      this.prune();
    } catch {
      removeQuietly(temporary);
    }
  }

  private entryFile(key: string): string {
    return join(this.dir, `${key}.pkg`);
  }

  /** Drops all but the newest `MAX_ENTRIES` entries, and what runs killed while writing left. */
  private prune(): void {
    const names = readdirSync(this.dir);
    const stale = Date.now() - STALE_TEMPORARY_MS;
    for (const name of names.filter((n) => n.endsWith(".tmp"))) {
      const file = join(this.dir, name);
      if (statSync(file).mtimeMs < stale) removeQuietly(file);
    }
    const entries = names
      .filter((name) => name.endsWith(".pkg"))
      .map((name) => ({
        file: join(this.dir, name),
        time: statSync(join(this.dir, name)).mtimeMs,
      }))
      .sort((a, b) => b.time - a.time);
    for (const { file } of entries.slice(MAX_ENTRIES)) removeQuietly(file);
  }
}

/** Whether the inputs an entry was made from are as they were (an input that cannot be read: no). */
function unchanged(header: EntryHeader): boolean {
  try {
    return new InputFiles().matches({
      files: header.read,
      listings: header.listings,
    });
  } catch {
    return false;
  }
}
