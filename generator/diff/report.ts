/**
 * The human-readable diff: a header naming both sides, the changes grouped (types with their
 * properties, attributes and enumerations; global elements; operations), one line each, and a
 * summary count. `--json` prints the {@link DiffReport} itself instead.
 */
import type { Change, DiffReport, SideInfo } from "./change.js";

const SIGN = { added: "+", removed: "-", changed: "~" } as const;

const GROUPS: readonly { title: string; test: (c: Change) => boolean }[] = [
  {
    title: "Types",
    test: (c) => c.subject !== "element" && c.subject !== "operation",
  },
  { title: "Global elements", test: (c) => c.subject === "element" },
  { title: "Operations", test: (c) => c.subject === "operation" },
];

export function formatReport(report: DiffReport): string[] {
  const lines = [
    `vcd-codegen diff: ${side(report.from)} -> ${side(report.to)}`,
  ];
  for (const group of GROUPS) {
    const changes = report.changes.filter(group.test);
    if (!changes.length) continue;
    lines.push("", `${group.title} (${changes.length})`);
    for (const change of changes) lines.push(`  ${formatChange(change)}`);
  }
  const s = report.summary;
  const total = s.added + s.removed + s.changed;
  lines.push(
    "",
    total
      ? `${total} changes: ${s.added} added, ${s.removed} removed, ${s.changed} changed; ${s.annotated} annotated, ${s.unannotated} unannotated`
      : "no changes",
  );
  return lines;
}

/** `~ vcloud:SessionType/Link minOccurs 1 -> 0  (unannotated)`. */
export function formatChange(change: Change): string {
  const what =
    change.kind === "changed"
      ? `${change.path} ${change.aspect}: ${change.from} -> ${change.to}`
      : `${change.path}${change.subject === "enumeration" ? "" : ` (${change.subject})`}`;
  const flag = change.annotated
    ? `annotated: ${change.annotation}`
    : change.annotation
      ? `UNANNOTATED (carries ${change.annotation})`
      : "UNANNOTATED";
  return `${SIGN[change.kind]} ${what}  [${flag}]`;
}

function side(info: SideInfo): string {
  const version =
    info.apiVersion === "all"
      ? `all versions, up to ${info.version}`
      : `API ${info.apiVersion}`;
  return `${info.label} (${version})`;
}
