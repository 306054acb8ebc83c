/**
 * vcd-codegen runtime, simulator: entity ids. vCD ids are UUIDs, shown as URNs
 * (`urn:vcloud:vapp:<uuid>`) and in hrefs with a kind prefix for some kinds (`/api/vApp/vapp-<uuid>`).
 * The simulator draws them from a counter, so the same seed always gives the same ids.
 */
import { createHash } from "node:crypto";

export class IdSource {
  private count = 0;

  constructor(private readonly salt: string) {}

  next(kind: string): string {
    const hex = createHash("sha1")
      .update(`${this.salt}:${kind}:${this.count++}`)
      .digest("hex");
    const variant = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
    return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-4${hex.slice(13, 16)}-${variant}${hex.slice(17, 20)}-${hex.slice(20, 32)}`;
  }
}

export const urn = (kind: string, uuid: string): string =>
  `urn:vcloud:${kind}:${uuid}`;
