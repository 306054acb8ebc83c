/**
 * The files of one run's inputs, each read from disk once: their text and their sha256 come from
 * the same bytes, and the record of what was read (each file with its sha256, each folder with its
 * names) is what the package cache checks on the next run, through an InputFiles of its own.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { decodeInput, readInputBytes } from "../read-input-file.js";

/** A file read, by absolute path, with the sha256 of its bytes. */
export interface FileRead {
  readonly path: string;
  readonly sha256: string;
}

/** A folder listed, with its names (sorted). */
export interface FolderListed {
  readonly dir: string;
  readonly names: readonly string[];
}

/** What a run read of its inputs. */
export interface InputsRead {
  readonly files: readonly FileRead[];
  readonly listings: readonly FolderListed[];
}

export class InputFiles {
  private readonly bytes = new Map<string, Buffer>();
  private readonly texts = new Map<string, string>();
  private readonly digests = new Map<string, string>();
  private readonly listed = new Map<string, string[]>();

  /** The names in a folder (sorted), listed at the first use; a folder that does not exist has none. */
  readonly list = (dir: string): string[] => {
    let names = this.listed.get(dir);
    if (names === undefined) {
      names = existsSync(dir) ? readdirSync(dir).sort() : [];
      this.listed.set(dir, names);
    }
    return names;
  };

  /** The text of a file (absolute path), read at its first use; a file that cannot be read is a GeneratorError naming it. */
  readonly text = (file: string): string => {
    let text = this.texts.get(file);
    if (text === undefined) {
      text = decodeInput(file, this.read(file));
      this.texts.set(file, text);
    }
    return text;
  };

  /** The sha256 of a file's bytes (as verify-inputs and the pins have it), or undefined when there is no such file. */
  sha256(file: string): string | undefined {
    if (!this.bytes.has(file) && !existsSync(file)) return undefined;
    this.read(file);
    return this.digests.get(file);
  }

  /** Every file read so far, with the sha256 of its bytes, sorted by path. */
  files(): FileRead[] {
    return [...this.digests]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, sha256]) => ({ path, sha256 }));
  }

  /** Every folder listed so far, with its names, sorted by folder. */
  listings(): FolderListed[] {
    return [...this.listed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([dir, names]) => ({ dir, names }));
  }

  /** Whether every file of `record` still has its sha256, and every folder its names. */
  matches(record: InputsRead): boolean {
    return (
      record.files.every(({ path, sha256 }) => this.sha256(path) === sha256) &&
      record.listings.every(({ dir, names }) => {
        const now = this.list(dir);
        return (
          now.length === names.length && now.every((n, i) => n === names[i])
        );
      })
    );
  }

  private read(file: string): Buffer {
    let bytes = this.bytes.get(file);
    if (bytes === undefined) {
      bytes = readInputBytes(file);
      this.bytes.set(file, bytes);
      this.digests.set(file, sha256Of(bytes));
    }
    return bytes;
  }
}

export function sha256Of(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
