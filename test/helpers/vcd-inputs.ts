/** The real vCD inputs, read from ../shared/vcd-api (never copied into the project). */
import { resolve } from "node:path";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import type { ModelOptions } from "../../generator/pipeline.js";

export const PROJECT_ROOT = resolve(import.meta.dirname, "../..");
export const VCD_API_DIR =
  process.env.VCD_API_DIR ?? resolve(PROJECT_ROOT, "../shared/vcd-api");
/** The API 36.0 set (vCD 10.3), with the operations of every version from 27.0. */
export const VCD_API_36_DIR =
  process.env.VCD_API_36_DIR ?? resolve(PROJECT_ROOT, "../shared/vcd-api-36.0");
/** Every public release of the schema set, by API version (each laid out like the inputs). */
export const VCD_RELEASE_DIRS: Readonly<Record<string, string>> = {
  "30.0": VCD_API_DIR,
  "32.0": resolve(VCD_API_DIR, "../vcd-api-32.0"),
  "33.0": resolve(VCD_API_DIR, "../vcd-api-33.0"),
  "35.2": resolve(VCD_API_DIR, "../vcd-api-35.2"),
  "36.0": VCD_API_36_DIR,
};
export const VCD_SAMPLES_DIR = resolve(VCD_API_DIR, "../vcd-samples");

export function vcdModelOptions(apiVersion: string): ModelOptions {
  return {
    inputDir: VCD_API_DIR,
    apiVersion,
    schemaSet: readSchemaSetConfig(),
    nameOverrides: new Map(),
    operationNameOverrides: new Map(),
  };
}
