/**
 * The files of one run's inputs, each read from disk once: their text and their sha256 come from
 * the same bytes, and the record of what was read (with each file's sha256) is what the model cache
 * checks on the next run.
 */
import { createHash } from "node:crypto";
import { existsSync, readdirSync } from "node:fs";
import { readInputBytes } from "../read-input-file.js";

export class InputFiles {
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
      const bytes = readInputBytes(file);
      text = bytes.toString("utf8");
      this.texts.set(file, text);
      this.digests.set(file, sha256Of(bytes));
    }
    return text;
  };

  /** The sha256 of a file's bytes (as verify-inputs and the pins have it), or undefined when there is no such file. */
  sha256(file: string): string | undefined {
    if (!this.texts.has(file) && !existsSync(file)) return undefined;
    this.text(file);
    return this.digests.get(file);
  }

  /** Every folder listed so far, with its names. */
  listings(): { readonly dir: string; readonly names: readonly string[] }[] {
    return [...this.listed]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([dir, names]) => ({ dir, names }));
  }

  /** Every file read so far, by absolute path, with the sha256 of its bytes, sorted by path. */
  read(): { readonly path: string; readonly sha256: string }[] {
    return [...this.digests]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([path, sha256]) => ({ path, sha256 }));
  }
}

export function sha256Of(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}
