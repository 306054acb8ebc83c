/** Gives every element particle that refers to a global element (`ref=`) that element's type and nillability. */
import { walkParticles } from "../model/draft.js";
import type { Pass } from "./pass.js";

export const resolveElementRefs: Pass = {
  name: "resolve-element-refs",
  run(draft) {
    for (const def of draft.types.values()) {
      if (def.kind !== "complex") continue;
      walkParticles(def.particle, (particle) => {
        if (particle.kind !== "element" || !particle.ref) return;
        const global = draft.elements.get(particle.ref)!;
        particle.type = global.type;
        particle.nillable = global.nillable;
        if (
          particle.raw.documentation.length === 0 &&
          Object.keys(particle.raw.sources).length === 0
        ) {
          particle.raw = global.raw;
        }
      });
    }
  },
};
