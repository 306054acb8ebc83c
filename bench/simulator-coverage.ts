/**
 * How much of the package's operations table the simulator backs with state: the operations with a
 * handler of their own (simulator/handlers/index.ts: they read or change the store) against the ones
 * that get the fallback's minimal answer (a valid document of the declared type, nothing kept), per
 * tag (user, admin, extension). A count, not a timing: no load, the same figure on any machine.
 */
import type { OperationInfo } from "../runtime/client/operation.js";
import { HANDLERS, handlerKey } from "../simulator/handlers/index.js";
import { moduleUrl } from "./generated-package.js";

export interface Coverage {
  readonly tag: string;
  readonly stateful: number;
  readonly total: number;
}

export function coverageOf(operations: readonly OperationInfo[]): Coverage[] {
  const byTag = new Map<string, { stateful: number; total: number }>();
  for (const op of operations) {
    const row = byTag.get(op.tag) ?? { stateful: 0, total: 0 };
    row.total++;
    if (HANDLERS[handlerKey(op.method, op.path)]) row.stateful++;
    byTag.set(op.tag, row);
  }
  return [...byTag.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([tag, row]) => ({ tag, ...row }));
}

export async function benchSimulatorCoverage(
  packageDir: string,
): Promise<string[]> {
  const { operations } = (await import(
    moduleUrl(packageDir, "operations")
  )) as {
    operations: readonly OperationInfo[];
  };
  const rows = coverageOf(operations);
  const sum = rows.reduce(
    (s, r) => ({ stateful: s.stateful + r.stateful, total: s.total + r.total }),
    { stateful: 0, total: 0 },
  );
  const pct = (n: number, of: number) =>
    of === 0 ? "0" : ((100 * n) / of).toFixed(0);
  return [
    "## The simulator's operations backed by state (a handler of their own) rather than a minimal answer",
    "",
    "| tag | backed by state | operations | share |",
    "|---|---:|---:|---:|",
    ...rows.map(
      (r) =>
        `| ${r.tag} | ${r.stateful} | ${r.total} | ${pct(r.stateful, r.total)}% |`,
    ),
    `| all | ${sum.stateful} | ${sum.total} | ${pct(sum.stateful, sum.total)}% |`,
  ];
}
