/**
 * Compares the operations of two models by id (`METHOD /path`): added, removed, and their bodies,
 * query parameters, tag, authentication, deprecation and stub name. Operations carry no
 * annotations: they come from one operations document per API version, so a difference is
 * annotated when the two sides read documents of different versions, and unannotated when both
 * read the same version's document (it then comes from the schemas: a type or element missing).
 */
import type { BodyDecl, Operation } from "../model/ir.js";
import { compareAspect, type CompareContext } from "./context.js";
import { UNANNOTATED, type Explanation } from "./explain.js";

export function compareOperations(context: CompareContext): void {
  const { from, to } = context;
  const why = explainOperations(context);
  for (const [id, b] of to.operations) {
    const a = from.operations.get(id);
    if (!a) {
      context.push({
        kind: "added",
        subject: "operation",
        path: id,
        component: id,
        ...why,
      });
      continue;
    }
    compareOperation(context, a, b, why);
  }
  for (const id of from.operations.keys()) {
    if (!to.operations.has(id))
      context.push({
        kind: "removed",
        subject: "operation",
        path: id,
        component: id,
        ...why,
      });
  }
}

function explainOperations(context: CompareContext): Explanation {
  const a = context.from.model.operationsSource?.version;
  const b = context.to.model.operationsSource?.version;
  return a && b && a !== b
    ? { annotated: true, annotation: `operations ${a} -> ${b}` }
    : UNANNOTATED;
}

function compareOperation(
  context: CompareContext,
  a: Operation,
  b: Operation,
  why: Explanation,
): void {
  const at = { subject: "operation" as const, path: b.id, component: b.id };
  const aspect = (name: string, x: unknown, y: unknown) =>
    compareAspect(context, at, name, x, y, why);
  const bodies = (list: BodyDecl[]) =>
    list
      .map(
        (body) =>
          `${body.mediaType} ${context.name(body.element)} (${context.name(body.type)})`,
      )
      .sort();
  setAspect(context, at, "request", bodies(a.request), bodies(b.request), why);
  setAspect(
    context,
    at,
    "responses",
    bodies(a.responses),
    bodies(b.responses),
    why,
  );
  const query = (o: Operation) =>
    o.queryParameters.map((q) => `${q.name}${q.required ? "" : "?"}`).sort();
  setAspect(context, at, "query", query(a), query(b), why);
  aspect("tag", a.tag, b.tag);
  aspect("auth", a.auth, b.auth);
  aspect("deprecated", a.deprecated, b.deprecated);
  aspect("name", a.name, b.name);
}

/** A list compared as a set: `changed` with what was added (`+`) and removed (`-`). */
function setAspect(
  context: CompareContext,
  at: { subject: "operation"; path: string; component: string },
  aspect: string,
  a: string[],
  b: string[],
  why: Explanation,
): void {
  const added = b.filter((x) => !a.includes(x));
  const removed = a.filter((x) => !b.includes(x));
  if (!added.length && !removed.length) return;
  context.push({
    kind: "changed",
    ...at,
    aspect,
    from: removed.map((x) => `-${x}`).join(", ") || "-",
    to: added.map((x) => `+${x}`).join(", ") || "-",
    ...why,
  });
}
