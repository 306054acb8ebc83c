#!/usr/bin/env node
// The CLI as one bundled module (dist/cli.js, made by `npm run build`): loading one file instead of
// some 250 modules is about 60 ms of every run.
import { main } from "../dist/cli.js";

// A reader that stops reading (`vcd-codegen diff ... | head`) is no failure: what is left is not
// printed, and the run ends as it would have (no EPIPE stack trace).
process.stdout.on("error", (error) => {
  if (error.code !== "EPIPE") throw error;
  process.exit(process.exitCode ?? 0);
});

process.exitCode = await main(process.argv.slice(2));
