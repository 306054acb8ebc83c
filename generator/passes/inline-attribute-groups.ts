/**
 * Replaces attribute group references and attribute references by the attributes they stand for,
 * and merges the groups' `anyAttribute` into the type's.
 */
import { GeneratorError } from "../diagnostics.js";
import type {
  Draft,
  DraftAttribute,
  DraftAttributeMember,
  DraftWildcard,
} from "../model/draft.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const inlineAttributeGroups: Pass = {
  name: "inline-attribute-groups",
  run(draft) {
    for (const def of draft.types.values()) {
      if (def.kind !== "complex") continue;
      const wildcards: DraftWildcard[] = def.anyAttribute
        ? [def.anyAttribute]
        : [];
      def.attributes = expand(draft, def.attributes, [], wildcards);
      def.anyAttribute = wildcards[0];
    }
  },
};

function expand(
  draft: Draft,
  members: DraftAttributeMember[],
  stack: ClarkName[],
  wildcards: DraftWildcard[],
): DraftAttribute[] {
  const out: DraftAttribute[] = [];
  for (const member of members) {
    if (member.kind === "attribute") out.push(member);
    else if (member.kind === "attributeRef") {
      const global = draft.attributes.get(member.ref)!;
      out.push({
        ...global,
        use: member.use,
        default: member.default ?? global.default,
        fixed: member.fixed ?? global.fixed,
        raw:
          member.raw.documentation.length ||
          Object.keys(member.raw.sources).length
            ? member.raw
            : global.raw,
        source: member.source,
      });
    } else {
      if (stack.includes(member.ref)) {
        throw new GeneratorError(
          `attribute group "${localOf(member.ref)}" refers to itself`,
          member.source,
        );
      }
      const group = draft.attributeGroups.get(member.ref)!;
      if (group.anyAttribute) wildcards.push(group.anyAttribute);
      out.push(
        ...expand(
          draft,
          group.attributes,
          [...stack, member.ref],
          wildcards,
        ).map((a) => ({ ...a })),
      );
    }
  }
  return out;
}
