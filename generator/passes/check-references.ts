/** Fails on the first reference to a type, element, group, attribute or attribute group that does not exist. */
import { GeneratorError, type SourceLocation } from "../diagnostics.js";
import { isBuiltin } from "../model/builtins.js";
import { walkParticles, type DraftAttributeMember } from "../model/draft.js";
import type { Pass } from "./pass.js";
import { localOf, namespaceOf, type ClarkName } from "../model/qname.js";

export const checkReferences: Pass = {
  name: "check-references",
  run(draft) {
    const type = (id: ClarkName | undefined, at: SourceLocation) => {
      if (id && !isBuiltin(id) && !draft.types.has(id)) fail("type", id, at);
    };
    const attributes = (members: DraftAttributeMember[]) => {
      for (const member of members) {
        if (member.kind === "attribute") type(member.type, member.source);
        else if (
          member.kind === "attributeRef" &&
          !draft.attributes.has(member.ref)
        )
          fail("attribute", member.ref, member.source);
        else if (
          member.kind === "attributeGroupRef" &&
          !draft.attributeGroups.has(member.ref)
        ) {
          fail("attribute group", member.ref, member.source);
        }
      }
    };
    const particles = (group: Parameters<typeof walkParticles>[0]) =>
      walkParticles(group, (particle) => {
        if (particle.kind === "element") {
          if (particle.ref && !draft.elements.has(particle.ref))
            fail("element", particle.ref, particle.source);
          type(particle.type, particle.source);
        } else if (
          particle.kind === "groupRef" &&
          !draft.groups.has(particle.ref)
        ) {
          fail("group", particle.ref, particle.source);
        }
      });
    for (const def of draft.types.values()) {
      if (def.kind === "complex") {
        type(def.base, def.source);
        particles(def.particle);
        attributes(def.attributes);
      } else {
        type(def.base, def.source);
        type(def.itemType, def.source);
        for (const member of def.memberTypes ?? []) type(member, def.source);
      }
    }
    for (const element of draft.elements.values()) {
      type(element.type, element.source);
      if (
        element.substitutionGroup &&
        !draft.elements.has(element.substitutionGroup)
      ) {
        fail(
          "substitution group head element",
          element.substitutionGroup,
          element.source,
        );
      }
    }
    for (const group of draft.groups.values()) particles(group.particle);
    for (const group of draft.attributeGroups.values())
      attributes(group.attributes);
    for (const attribute of draft.attributes.values())
      type(attribute.type, attribute.source);
  },
};

function fail(what: string, id: ClarkName, at: SourceLocation): never {
  const ns = namespaceOf(id);
  throw new GeneratorError(
    `unresolved ${what} reference "${localOf(id)}"${ns ? ` in namespace "${ns}"` : " (no namespace)"}`,
    at,
  );
}
