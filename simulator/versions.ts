/**
 * vcd-codegen runtime, simulator: the API versions it speaks. vCD accepts a range: a 10.3 server
 * lists every version from its oldest supported one to 36.0 in `/api/versions` and answers any of
 * them in `Accept`. By default the simulator speaks the versions vCD released from the package's
 * oldest supported version (`lowestApiVersion`, the oldest operations document of its inputs) up to
 * its own; the `versions` option names them instead (only `32.0`, to test a newer client against an
 * older server).
 */
import type { SimulatorBinding } from "./binding.js";

/** The API versions vCD released (5.1 for vCD 5.1, 20.0 for 8.10, 27.0 for 8.20, ... 39.0 for 10.6). */
export const VCD_API_VERSIONS: readonly string[] = [
  "1.5",
  "5.1",
  "5.5",
  "5.6",
  "9.0",
  "20.0",
  "27.0",
  "29.0",
  "30.0",
  "31.0",
  "32.0",
  "33.0",
  "34.0",
  "35.0",
  "35.2",
  "36.0",
  "37.0",
  "37.1",
  "37.2",
  "38.0",
  "38.1",
  "39.0",
];

/** `"35.2"` as a number to compare (a version that is not numeric sorts last). */
export function versionNumber(version: string): number {
  const n = Number(version.trim());
  return Number.isFinite(n) ? n : Infinity;
}

/**
 * The versions a simulator speaks, oldest first: `wanted` when given (each checked), else every
 * released version from the binding's lowest to its own, both ends included.
 */
export function supportedVersions(
  binding: Pick<SimulatorBinding, "apiVersion" | "lowestApiVersion">,
  wanted?: readonly string[],
): string[] {
  if (wanted !== undefined) {
    if (wanted.length === 0)
      throw new Error(
        "startSimulator: versions must name at least one version",
      );
    for (const v of wanted)
      if (!/^\d+\.\d+$/.test(v))
        throw new Error(
          `startSimulator: versions: "${v}" is not an API version`,
        );
    return [...new Set(wanted)].sort(
      (a, b) => versionNumber(a) - versionNumber(b),
    );
  }
  const highest = binding.apiVersion;
  const lowest = binding.lowestApiVersion ?? highest;
  const low = Math.min(versionNumber(lowest), versionNumber(highest));
  const high = versionNumber(highest);
  const between = VCD_API_VERSIONS.filter((v) => {
    const n = versionNumber(v);
    return n >= low && n <= high;
  });
  return [...new Set([lowest, ...between, highest])].sort(
    (a, b) => versionNumber(a) - versionNumber(b),
  );
}
