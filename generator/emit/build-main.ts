/**
 * A step of `npm run build`, after the runtime is compiled and formatted: writes what a run of the
 * generator reads instead of its sources, the runtime bundle (package/runtime-bundle.ts) and the
 * precompiled templates (templates.ts).
 */
import { writeRuntimeBundle } from "./package/runtime-bundle.js";
import { readRuntimeFiles, runtimeInputs } from "./package/runtime-files.js";
import { writePrecompiledTemplates } from "./templates.js";

writeRuntimeBundle(runtimeInputs(), readRuntimeFiles());
writePrecompiledTemplates();
