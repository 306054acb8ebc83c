/**
 * vcd-codegen runtime, client: the id in an entity's href (`https://vcd.example.com/api/vApp/vm-1`
 * -> `vm-1`), for the few places that still need one (a stub takes the entity itself, or any of
 * its links, as its target: see request.ts). The last segment of the href's path, percent-decoded.
 */
import { VcdRequestError } from "./errors.js";

export function idOf(href: string | { readonly href: string }): string {
  const text = typeof href === "string" ? href : href.href;
  let path: string;
  try {
    path = new URL(text, "http://relative.invalid/").pathname;
  } catch (cause) {
    throw new VcdRequestError(`not a URL: ${text}`, { cause });
  }
  const segment = path.replace(/\/+$/, "").split("/").pop() ?? "";
  if (!segment)
    throw new VcdRequestError(`the href ${text} names no entity (no path)`);
  return decodeURIComponent(segment);
}
