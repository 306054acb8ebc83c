/**
 * Turns the raw annotations of every component into {@link Annotations}: documentation, vCD's
 * `since`/`added-in`/`removed-in` resolved to numeric API versions (feature aliases mapped),
 * `deprecated`, `modifiable`, `required`, `internal` and the media type.
 */
import type { SourceLocation } from "../diagnostics.js";
import type { RawAnnotation } from "../load/raw-schema.js";
import {
  isNumericVersion,
  resolveVersion,
  type ApiVersions,
} from "../model/api-version.js";
import { walkParticles, type DraftAttributeMember } from "../model/draft.js";
import type { Annotations } from "../model/ir.js";
import type { Pass } from "./pass.js";

export const resolveAnnotations: Pass = {
  name: "resolve-annotations",
  run(draft, { versions }) {
    const resolveAll = (members: DraftAttributeMember[]) => {
      for (const member of members) {
        if (member.kind === "attribute")
          member.annotations = toAnnotations(
            member.raw,
            versions,
            member.source,
          );
      }
    };
    for (const def of draft.types.values()) {
      def.annotations = toAnnotations(def.raw, versions, def.source);
      if (def.kind !== "complex") continue;
      resolveAll(def.attributes);
      walkParticles(def.particle, (particle) => {
        if (particle.kind === "element")
          particle.annotations = toAnnotations(
            particle.raw,
            versions,
            particle.source,
          );
      });
    }
    for (const element of draft.elements.values()) {
      element.annotations = toAnnotations(
        element.raw,
        versions,
        element.source,
      );
    }
    for (const attribute of draft.attributes.values()) {
      attribute.annotations = toAnnotations(
        attribute.raw,
        versions,
        attribute.source,
      );
    }
  },
};

export function toAnnotations(
  raw: RawAnnotation,
  versions: ApiVersions,
  at: SourceLocation,
): Annotations {
  const out: { -readonly [K in keyof Annotations]: Annotations[K] } = {};
  if (raw.documentation.length)
    out.documentation = raw.documentation.join("\n\n");
  const added =
    raw.versionAddedIn || raw.sources["added-in"] || raw.sources.since;
  if (added) {
    out.addedIn = resolveVersion(versions, added, at);
    if (!isNumericVersion(added.trim())) out.addedInAlias = added.trim();
  }
  const removed = raw.versionRemovedIn || raw.sources["removed-in"];
  if (removed) out.removedIn = resolveVersion(versions, removed, at);
  const deprecated = raw.sources.deprecated;
  if (deprecated !== undefined) {
    out.deprecated = versions.aliases.has(deprecated)
      ? resolveVersion(versions, deprecated, at)
      : deprecated || "true";
  }
  if (raw.sources.modifiable) out.modifiable = raw.sources.modifiable;
  const required = raw.sources.required;
  if (required === "true" || required === "false")
    out.required = required === "true";
  if (raw.sources.internal !== undefined)
    out.internal = raw.sources.internal !== "false";
  if (raw.contentType) out.mediaType = raw.contentType;
  return out;
}
