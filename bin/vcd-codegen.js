#!/usr/bin/env node
// The CLI as one bundled module (dist/cli.js, made by `npm run build`): loading one file instead of
// some 250 modules is about 60 ms of every run.
import { main } from "../dist/cli.js";

process.exitCode = await main(process.argv.slice(2));
