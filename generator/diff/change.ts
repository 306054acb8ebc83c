/**
 * What `vcd-codegen diff` reports: one {@link Change} per difference between two models, each
 * flagged as annotated (the newer side's `added-in`/`removed-in` explains it) or not.
 */

export type ChangeKind = "added" | "removed" | "changed";

/** The kind of component a change is about. */
export type Subject =
  "type" | "property" | "attribute" | "enumeration" | "element" | "operation";

export interface Change {
  readonly kind: ChangeKind;
  readonly subject: Subject;
  /**
   * Where, with canonical prefixes: `vcloud:SessionType`, `vcloud:SessionType/Link` (a property),
   * `vcloud:SessionType/@org` (an attribute), `vcloud:Session` (a global element), `GET /session`.
   */
  readonly path: string;
  /** The type, global element (Clark name) or operation id the change belongs to. */
  readonly component: string;
  /** The property or attribute (Clark name), wildcard (`any`) or enumeration value concerned. */
  readonly member?: string;
  /** For `changed`: what changed (`minOccurs`, `use`, `type`, `base`, `order`, `facet.pattern`, ...). */
  readonly aspect?: string;
  /** For `changed`: the value before and after, as text. */
  readonly from?: string;
  readonly to?: string;
  /** True when the newer side carries an `added-in` or `removed-in` that explains the change. */
  readonly annotated: boolean;
  /** The annotation that explains it (`added-in 31.0 (NSX_T_SUPPORT)`), or the one it carries that does not. */
  readonly annotation?: string;
}

/** One side of a comparison. */
export interface SideInfo {
  /** The folder or model file, as given. */
  readonly label: string;
  /** The API version the model was filtered for (`"all"` for none). */
  readonly apiVersion: string;
  /** The newest API version this side speaks: changes annotated after it count as annotated. */
  readonly version: string;
  /** The operations document its operations come from, if any. */
  readonly operations?: string;
}

export interface DiffSummary {
  readonly added: number;
  readonly removed: number;
  readonly changed: number;
  readonly annotated: number;
  readonly unannotated: number;
}

export interface DiffReport {
  readonly from: SideInfo;
  readonly to: SideInfo;
  readonly changes: Change[];
  readonly summary: DiffSummary;
}

export function summarize(changes: readonly Change[]): DiffSummary {
  const count = (test: (c: Change) => boolean) => changes.filter(test).length;
  return {
    added: count((c) => c.kind === "added"),
    removed: count((c) => c.kind === "removed"),
    changed: count((c) => c.kind === "changed"),
    annotated: count((c) => c.annotated),
    unannotated: count((c) => !c.annotated),
  };
}
