/**
 * The query service's types, derived from the schema set and our facts about it
 * (schemas/vcd-api.query-types.json, whose `$comment` gives the rule and its evidence): every
 * global element `<Base>Record` of the `Record` substitution group, of a `QueryResult*RecordType`,
 * is the record of the query type named `<base>` (its leading capital or acronym lower-cased),
 * unless the facts name it otherwise or say it is no query type's; its `references` answer is
 * `<Base>References` of `<Base>Reference` where the set has both.
 */
import { GeneratorError } from "../diagnostics.js";
import type { QueryTypeFacts } from "../load/read-query-types.js";
import type { ClarkName, ElementDecl, Model, QueryTypeInfo } from "./ir.js";
import { clark, localOf, namespaceOf } from "./qname.js";

const RECORD_TYPE = /^QueryResult\w+RecordType$/;

/** `VApp` -> `vApp`, `VM` -> `vm`, `AdminVM` -> `adminVM`, `DvSwitch` -> `dvSwitch`. */
export function queryTypeName(base: string): string {
  const acronym = /^[A-Z]+(?=[A-Z][a-z]|$)/.exec(base)?.[0] ?? "";
  const lead = acronym.length > 1 ? acronym.length : 1;
  return base.slice(0, lead).toLowerCase() + base.slice(lead);
}

export function buildQueryTypes(
  model: Pick<Model, "elements" | "namespaces" | "operations">,
  facts: QueryTypeFacts,
): QueryTypeInfo[] {
  const byId = new Map(model.elements.map((e) => [e.id, e]));
  const uriOf = new Map(model.namespaces.map((ns) => [ns.prefix, ns.uri]));
  const prefixOf = new Map(model.namespaces.map((ns) => [ns.uri, ns.prefix]));
  const prefixed = (id: ClarkName) =>
    `${prefixOf.get(namespaceOf(id)) ?? ""}:${localOf(id)}`;
  const toClark = (name: string, at: string): ClarkName => {
    const [prefix, local] = name.split(":");
    const uri = uriOf.get(prefix!);
    if (uri === undefined)
      throw new GeneratorError(
        `"${name}": no namespace has the prefix "${prefix}"`,
        facts.sources.get(at),
      );
    return clark(uri, local!);
  };
  const operations = new Set(model.operations.map((op) => op.id));
  const packagedOf = new Map<string, string[]>();
  // A packaged query the operations lack at this version, or whose type the set lacks, is left out.
  for (const [operation, type] of facts.packaged)
    if (operations.has(operation))
      packagedOf.set(type, [...(packagedOf.get(type) ?? []), operation]);
  const result: QueryTypeInfo[] = [];
  const seen = new Map<string, string>();
  for (const element of model.elements) {
    if (!isRecordElement(element, byId)) continue;
    const name = prefixed(element.id);
    if (facts.none.has(name)) continue;
    const base = localOf(element.id).slice(0, -"Record".length);
    const type = facts.names.get(name) ?? queryTypeName(base);
    const other = seen.get(type);
    if (other !== undefined)
      throw new GeneratorError(
        `the query type "${type}" would be both ${other}'s and ${name}'s`,
        facts.sources.get(name),
      );
    seen.set(type, name);
    const ns = namespaceOf(element.id);
    const ruled = {
      root: clark(ns, `${base}References`),
      item: clark(ns, `${base}Reference`),
    };
    // The facts name elements only for records the set has (an inline schema has none of them).
    const fact = facts.references.get(name);
    const references =
      (fact
        ? {
            root: toClark(fact.references, name),
            item: toClark(fact.reference, name),
          }
        : undefined) ??
      (byId.has(ruled.root) && byId.has(ruled.item) ? ruled : undefined);
    result.push({
      name: type,
      record: element.id,
      recordType: element.type,
      ...(references && byId.has(references.root) && byId.has(references.item)
        ? { references }
        : {}),
      ...(element.annotations.addedIn
        ? { addedIn: element.annotations.addedIn }
        : {}),
      ...(packagedOf.has(type)
        ? { packaged: packagedOf.get(type)!.sort() }
        : {}),
    });
  }
  return result.sort((a, b) =>
    a.name < b.name ? -1 : a.name > b.name ? 1 : 0,
  );
}

/** A global `*Record` element standing for `Record`, of a `QueryResult*RecordType`. */
function isRecordElement(
  element: ElementDecl,
  byId: ReadonlyMap<ClarkName, ElementDecl>,
): boolean {
  if (element.abstract || !localOf(element.id).endsWith("Record")) return false;
  if (!RECORD_TYPE.test(localOf(element.type))) return false;
  const head = element.substitutionGroup;
  return head !== undefined && localOf(head) === "Record" && byId.has(head);
}
