/**
 * vcd-codegen runtime, simulator: an OVF manifest (`.mf`, DSP0243 5.1): one line per file,
 * `SHA256(disk1.vmdk)= <hex>` or `SHA1(...)= <hex>`. vCD takes one when the upload asks for it
 * (`UploadVAppTemplateParams manifestRequired="true"`, the schema's "True if an OVF manifest is
 * included in the upload"; vcloud-rest's `upload_ovf` sends it so, its `send_manifest` option): it is
 * listed among the template's files as `descriptor.mf` once the descriptor is PUT.
 */

export interface ManifestEntry {
  readonly algorithm: "sha256" | "sha1";
  readonly digest: string;
}

/** The manifest's entries by file name; a line that is not an entry is refused, naming it. */
export function readManifest(text: string): Map<string, ManifestEntry> {
  const entries = new Map<string, ManifestEntry>();
  text.split(/\r?\n/).forEach((line, index) => {
    if (line.trim() === "") return;
    const m = /^\s*(SHA256|SHA1)\((.+)\)\s*=\s*([0-9a-fA-F]+)\s*$/.exec(line);
    if (!m)
      throw new Error(
        `The OVF manifest's line ${index + 1} is not "SHA256(file)= digest" or "SHA1(file)= digest": "${line.slice(0, 80)}".`,
      );
    entries.set(m[2], {
      algorithm: m[1] === "SHA256" ? "sha256" : "sha1",
      digest: m[3].toLowerCase(),
    });
  });
  return entries;
}
