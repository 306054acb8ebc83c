/** A step of `npm run build`, after the runtime is compiled and formatted: writes the runtime bundle (runtime-bundle.ts). */
import { writeRuntimeBundle } from "./runtime-bundle.js";
import { readRuntimeFiles, runtimeInputs } from "./runtime-files.js";

writeRuntimeBundle(runtimeInputs(), readRuntimeFiles());
