/**
 * Links each operation's bodies to the schema model at the target API version: a body is written
 * and read as a global element of its type, so each (media type, type) becomes one shape per such
 * element (a query's `references` answer may be any of the 54 elements of `ReferencesType`). An
 * operation whose body type is left out at this version is left out too, and counted. A media type
 * that disagrees with the type's own `meta:content-type` is reported as a warning at its JSON path.
 * A type that no element has is written as the elements of the types derived from it; an operation
 * with a body that no element can carry (the 35.2 operations document names
 * `VMWProviderVdcResourcePoolType`, which no global element of the 35.2 XSDs has) is left out with a
 * warning at its JSON path, and generation goes on.
 *
 * When the document is of a version newer than the target (the target is older than every
 * document), it says nothing of the target's media types: an operation whose body's media type is
 * not its type's own at the target is left out there (the target's servers knew no such body).
 */
import { GeneratorError } from "../diagnostics.js";
import type { Draft, DraftBody, DraftOperation } from "../model/draft.js";
import type { BodyDecl } from "../model/ir.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass, PassContext } from "./pass.js";

export const linkOperations: Pass = {
  name: "link-operations",
  run(draft, context) {
    const elementsByType = new Map<ClarkName, ClarkName[]>();
    for (const element of [...draft.elements.values()].sort((a, b) =>
      a.id < b.id ? -1 : 1,
    )) {
      if (element.abstract) continue;
      const list = elementsByType.get(element.type) ?? [];
      list.push(element.id);
      elementsByType.set(element.type, list);
    }
    const kept: DraftOperation[] = [];
    for (const op of draft.operations) {
      if (op.leaveOut) {
        draft.leftOutOperations.push({ id: op.id, reason: op.leaveOut });
        continue;
      }
      const bodies = [...op.request, ...op.responses];
      const missing = bodies.find((body) => !draft.types.has(body.type));
      if (missing) {
        draft.leftOutOperations.push({
          id: op.id,
          reason: `${localOf(missing.type)} is left out at API ${draft.apiVersion}`,
        });
        continue;
      }
      const otherMediaType = context.operationsDocument?.newer
        ? bodies.find((body) => ownMediaType(draft, body) === false)
        : undefined;
      if (otherMediaType) {
        draft.leftOutOperations.push({
          id: op.id,
          reason: `${localOf(otherMediaType.type)}'s media type at API ${draft.apiVersion} is ${draft.types.get(otherMediaType.type)?.annotations.mediaType}+xml, not ${otherMediaType.mediaType} (the ${context.operationsDocument!.version} document's)`,
        });
        continue;
      }
      const link = (body: DraftBody) =>
        shapes(draft, op, body, elementsByType, context);
      const linked = bodies.map(link);
      const unwritable = bodies.find((_, i) => linked[i].length === 0);
      if (unwritable) {
        const reason = `no global element has the type ${localOf(unwritable.type)}, so its body cannot be written or read`;
        context.warn(
          new GeneratorError(
            `${op.id}: ${reason}; the operation is left out`,
            unwritable.location,
            unwritable.jsonPath,
          ),
        );
        draft.leftOutOperations.push({ id: op.id, reason });
        continue;
      }
      op.linked = {
        request: linked.slice(0, op.request.length).flat(),
        responses: linked.slice(op.request.length).flat(),
      };
      kept.push(op);
    }
    draft.operations = kept;
  },
};

/** Whether a body's media type is its type's own at the target (undefined: the type declares none, or the body names a range). */
function ownMediaType(draft: Draft, body: DraftBody): boolean | undefined {
  const declared = draft.types.get(body.type)?.annotations.mediaType;
  if (!declared || body.mediaType.includes("*")) return undefined;
  return `${declared}+xml`.toLowerCase() === body.mediaType.toLowerCase();
}

function shapes(
  draft: Draft,
  op: DraftOperation,
  body: DraftBody,
  elementsByType: ReadonlyMap<ClarkName, ClarkName[]>,
  { warn }: PassContext,
): BodyDecl[] {
  const declared = draft.types.get(body.type)?.annotations.mediaType;
  if (ownMediaType(draft, body) === false)
    warn(
      new GeneratorError(
        `${op.id}: media type ${body.mediaType} does not match ${localOf(body.type)}'s own ${declared}+xml`,
        body.location,
        body.jsonPath,
      ),
    );
  let elements = elementsByType.get(body.type) ?? [];
  if (elements.length === 0) {
    // A base type no element has (`NetworkPoolType` at 36.0): the elements of the types derived from it.
    const derived = draft.types.get(body.type);
    const subtypes = derived?.kind === "complex" ? derived.subtypes : [];
    elements = subtypes.flatMap((t) => elementsByType.get(t) ?? []).sort();
  }
  return elements.map((element) => ({
    mediaType: body.mediaType,
    type: body.type,
    element,
  }));
}
