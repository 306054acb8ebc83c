/**
 * vcd-codegen runtime, transfer: an OVF manifest (`.mf`, DMTF DSP0243 "OVF" 1.1, 5.1): one line per
 * file, `SHA256(disk1.vmdk)= <hex digest>` (SHA1 in OVF 1.x packages, SHA256 or SHA512 in 2.0).
 */
import type { DigestAlgorithm } from "./digest.js";
import { VcdTransferError } from "./transfer-error.js";

/** One file's line of a manifest. */
export interface ManifestEntry {
  readonly algorithm: DigestAlgorithm;
  /** Lower-case hex. */
  readonly digest: string;
}

const LINE = /^(SHA1|SHA256|SHA512)\s*\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/;

/** The digests a manifest lists, by file name. A line that is no digest line is a `VcdTransferError` naming the manifest and the line. */
export function readManifest(
  text: string,
  name = "manifest.mf",
): ReadonlyMap<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (line.trim() === "") continue;
    const match = LINE.exec(line.trim());
    if (!match)
      throw new VcdTransferError(
        `line ${i + 1}, column 1: not a manifest line (ALGORITHM(file)= hex digest): ${JSON.stringify(line.slice(0, 80))}`,
        { file: name, offset: 0 },
      );
    entries.set(match[2], {
      algorithm: match[1].toLowerCase() as DigestAlgorithm,
      digest: match[3].toLowerCase(),
    });
  }
  return entries;
}
