/**
 * `vcd-codegen/config`: the type of a `vcd-codegen.config.ts` for editors.
 *
 * ```ts
 * import { defineConfig } from "vcd-codegen/config";
 * export default defineConfig({ out: "generated/vcloud", apiVersion: "36.0" });
 * ```
 */
import type { UserConfig } from "./user-config.js";

export type { UserConfig };

/** The config as it is, typed: a wrong key or value is a type error in the editor. */
export function defineConfig(config: UserConfig): UserConfig {
  return config;
}
