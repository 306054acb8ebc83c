/** Replaces every model group reference (`<xs:group ref>`) by a copy of the group's content. */
import { GeneratorError } from "../diagnostics.js";
import type { Draft, DraftModelGroup, DraftParticle } from "../model/draft.js";
import { localOf, type ClarkName } from "../model/qname.js";
import type { Pass } from "./pass.js";

export const inlineGroups: Pass = {
  name: "inline-groups",
  run(draft) {
    for (const def of draft.types.values()) {
      if (def.kind === "complex" && def.particle)
        def.particle = inlineIn(draft, def.particle, []);
    }
  },
};

function inlineIn(
  draft: Draft,
  group: DraftModelGroup,
  stack: ClarkName[],
): DraftModelGroup {
  return {
    ...group,
    particles: group.particles.map((particle) =>
      inlineParticle(draft, particle, stack),
    ),
  };
}

function inlineParticle(
  draft: Draft,
  particle: DraftParticle,
  stack: ClarkName[],
): DraftParticle {
  if (
    particle.kind === "sequence" ||
    particle.kind === "choice" ||
    particle.kind === "all"
  ) {
    return inlineIn(draft, particle, stack);
  }
  if (particle.kind !== "groupRef") return particle;
  if (stack.includes(particle.ref)) {
    throw new GeneratorError(
      `group "${localOf(particle.ref)}" refers to itself`,
      particle.source,
    );
  }
  const target = draft.groups.get(particle.ref)!;
  const content = target.particle ?? {
    kind: "sequence",
    minOccurs: 1,
    maxOccurs: 1,
    particles: [],
  };
  const inlined = inlineIn(draft, structuredClone(content), [
    ...stack,
    particle.ref,
  ]);
  return {
    ...inlined,
    minOccurs: particle.minOccurs,
    maxOccurs: particle.maxOccurs,
  };
}
