/**
 * `npm run carry-operations -- DIR`: (for maintainers) rewrites schemas/vcd-api.carried-operations.json
 * from the operations documents in DIR (default: the 36.0 set's, ../shared/vcd-api-36.0/operations).
 */
import { renameSync, writeFileSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { PACKAGE_ROOT } from "../package-root.js";
import { GeneratorError } from "../diagnostics.js";
import { CARRIED_OPERATIONS_FILE } from "../load/carried-operations.js";
import { carryOperations } from "./carry-operations.js";

const dir = resolve(
  process.argv[2] ?? join(PACKAGE_ROOT, "../shared/vcd-api-36.0/operations"),
);
try {
  const text = carryOperations(dir);
  const temporary = `${CARRIED_OPERATIONS_FILE}.${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, CARRIED_OPERATIONS_FILE);
  console.log(
    `vcd-codegen: carried the operations of ${relative(process.cwd(), dir)} -> ${relative(process.cwd(), CARRIED_OPERATIONS_FILE)} (${(text.length / 1024).toFixed(0)} KB)`,
  );
} catch (error) {
  if (!(error instanceof GeneratorError)) throw error;
  console.error(`error: ${error.format()}`);
  process.exitCode = 1;
}
