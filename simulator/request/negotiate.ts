/**
 * vcd-codegen runtime, simulator: content negotiation as vCD does it. `Accept` must name a version
 * the server speaks (`application/*+xml;version=30.0`; 406 otherwise); a body's `Content-Type` must
 * be a media type the operation takes (case-insensitive; 415 otherwise).
 */
import type { BodyShape } from "../../runtime/client/operation.js";
import { VcdFault } from "../fault.js";

/** The version an `Accept` header asks for, if the server speaks it. */
export function acceptedVersion(
  accept: string | undefined,
  supported: readonly string[],
): string {
  for (const range of (accept ?? "").split(",")) {
    const [type, ...params] = range.split(";").map((s) => s.trim());
    if (!/^[\w.+*-]+\/[\w.+*-]+$/.test(type)) continue;
    for (const p of params) {
      const [key, value] = p.split("=").map((s) => s.trim());
      if (key.toLowerCase() === "version" && supported.includes(value))
        return value;
    }
  }
  throw new VcdFault(
    406,
    "NOT_ACCEPTABLE",
    `The request has invalid accept header. Supported API versions are: [${supported.join(", ")}]`,
  );
}

/** The body shape a request's `Content-Type` names among those the operation takes. */
export function bodyShape(
  contentType: string | undefined,
  shapes: readonly BodyShape[],
): BodyShape {
  const base = (contentType ?? "").split(";")[0].trim().toLowerCase();
  const shape = shapes.find((s) => s.mediaType.toLowerCase() === base);
  if (!shape)
    throw new VcdFault(
      415,
      "UNSUPPORTED_MEDIA_TYPE",
      `Unsupported media type "${contentType ?? ""}": this request takes ${shapes.map((s) => s.mediaType).join(" or ")}.`,
    );
  return shape;
}
