/**
 * Completes every simple type from what it derives from: its variety (a restriction of a list is a
 * list), the built-in it comes down to, and its facets merged with its base's. Also gives complex
 * types with simple content the simple type of their text, through their base chain.
 */
import { GeneratorError } from "../diagnostics.js";
import { mergeFacets as mergeFacetChain } from "../model/build-facets.js";
import { isBuiltin } from "../model/builtins.js";
import type { Draft, DraftSimpleType } from "../model/draft.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const deriveSimpleTypes: Pass = {
  name: "derive-simple-types",
  run(draft) {
    const done = new Set<ClarkName>();
    for (const def of draft.types.values()) {
      if (def.kind === "simple") complete(draft, def, done, []);
    }
    for (const def of draft.types.values()) {
      if (def.kind === "complex" && def.simpleContent)
        def.simpleContent = textType(draft, def.simpleContent, []);
    }
  },
};

function complete(
  draft: Draft,
  def: DraftSimpleType,
  done: Set<ClarkName>,
  stack: ClarkName[],
): void {
  if (done.has(def.id)) return;
  if (stack.includes(def.id))
    throw new GeneratorError(
      `simple type "${localOf(def.id)}" derives from itself`,
      def.source,
    );
  if (def.variety === "list")
    def.builtin = builtinOf(draft, def.itemType!, done, [...stack, def.id]);
  else if (def.variety === "union") def.builtin = "";
  else {
    const base = draft.types.get(def.base!);
    if (!base) def.builtin = def.base!;
    else if (base.kind !== "simple")
      throw new GeneratorError(
        `simple type restricts complex type "${localOf(base.id)}"`,
        def.source,
      );
    else {
      complete(draft, base, done, [...stack, def.id]);
      def.variety = base.variety;
      def.builtin = base.builtin;
      def.itemType = base.itemType;
      def.memberTypes = base.memberTypes;
      def.facets = mergeFacetChain(base.facets, def.ownFacets);
    }
  }
  done.add(def.id);
}

function builtinOf(
  draft: Draft,
  id: ClarkName,
  done: Set<ClarkName>,
  stack: ClarkName[],
): ClarkName {
  const def = draft.types.get(id);
  if (!def) return id;
  if (def.kind !== "simple")
    throw new GeneratorError(
      `list item type "${localOf(id)}" is not simple`,
      def.source,
    );
  complete(draft, def, done, stack);
  return def.builtin;
}

/** The simple type of a complex type's text: follow complex bases until a simple or built-in type. */
function textType(draft: Draft, id: ClarkName, stack: ClarkName[]): ClarkName {
  if (isBuiltin(id)) return id;
  const def = draft.types.get(id)!;
  if (def.kind === "simple") return id;
  if (stack.includes(id))
    throw new GeneratorError(
      `type "${localOf(id)}" derives from itself`,
      def.source,
    );
  if (!def.simpleContent)
    throw new GeneratorError(
      `simpleContent base "${localOf(id)}" has no simple content`,
      def.source,
    );
  return textType(draft, def.simpleContent, [...stack, id]);
}
