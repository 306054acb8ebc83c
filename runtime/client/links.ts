/**
 * vcd-codegen runtime, client: links. vCD documents say what can be done next through their `Link`
 * elements (`rel`, `href`, `type`); these helpers find them and the operation each leads to. A
 * stub takes a link itself as its target (it has an href): `powerOn(client, link)`.
 */
import type { HttpMethod, OperationInfo } from "./operation.js";
import { mediaTypeOf } from "./response.js";

/** A link as vCD sends it (structurally: the generated `vcloud.LinkType` fits). */
export interface LinkLike {
  readonly href: string;
  readonly rel: string;
  readonly type?: string;
  readonly name?: string;
}

/** Any value with links (a `ResourceType` and everything derived from it). */
export interface HasLinks<L extends LinkLike = LinkLike> {
  readonly Link?: readonly L[];
}

/** The value's links with `rel` (compared exactly), or all of them without `rel`. */
export function findLinks<L extends LinkLike>(
  value: HasLinks<L> | undefined,
  rel?: string,
): L[] {
  const links = value?.Link ?? [];
  return rel === undefined ? [...links] : links.filter((l) => l.rel === rel);
}

/**
 * The first link with `rel` (and, if given, of `mediaType`, compared case-insensitively and
 * without parameters), or `undefined` when there is none: the server leaves out the links of what
 * the user may not do, so a missing link is an answer, not an error.
 */
export function findLink<L extends LinkLike>(
  value: HasLinks<L> | undefined,
  rel: string,
  mediaType?: string,
): L | undefined {
  const want = mediaType === undefined ? undefined : mediaTypeOf(mediaType);
  return findLinks(value, rel).find(
    (l) => want === undefined || mediaTypeOf(l.type) === want,
  );
}

/** The rels that read (`GET`). */
const GET_RELS = new Set([
  "self",
  "up",
  "down",
  "alternate",
  "firstPage",
  "previousPage",
  "nextPage",
  "lastPage",
  "entityResolver",
  "blockingTask",
  "download:default",
  "download:alternate",
  "download:identity",
  "screen:thumbnail",
]);

/**
 * The methods a rel may mean, preferred first: `edit` PUT, `remove` DELETE, `add` POST; the
 * reading rels (`self`, `up`, `down`, `alternate`, the paging rels, `entityResolver`,
 * `download:*`, ...) GET; any other rel is an action (`power:powerOn`, `deploy`, `undeploy`,
 * `instantiateVAppTemplate`, `task:cancel`...): POST, else GET when the path only reads.
 */
export function methodsForRel(rel: string): readonly HttpMethod[] {
  if (rel === "edit") return ["PUT"];
  if (rel === "remove") return ["DELETE"];
  if (rel === "add") return ["POST"];
  if (GET_RELS.has(rel)) return ["GET"];
  return ["POST", "GET"];
}

/**
 * The operation a link leads to, or `undefined`. The link's href (its path, whatever its host)
 * must lie below the API root's path; what follows is matched against every operation's path
 * template (`{name}` stands for one non-empty segment; a trailing slash does not count). The most
 * specific template wins (the most literal characters); among its operations, the method the
 * rel means ({@link methodsForRel}, in order of preference); among several of that method, the
 * one whose body (PUT, POST) or answer (GET) has the link's media type.
 */
export function operationForLink(
  operations: readonly OperationInfo[],
  link: LinkLike,
  apiRoot: string | URL,
): OperationInfo | undefined {
  const path = pathBelowRoot(link.href, apiRoot);
  if (path === undefined) return undefined;
  const byPath = new Map<string, OperationInfo[]>();
  for (const op of operations) {
    if (!templatePattern(op.path).test(path)) continue;
    const list = byPath.get(op.path) ?? [];
    list.push(op);
    byPath.set(op.path, list);
  }
  const templates = [...byPath.keys()].sort(
    (a, b) => literalLength(b) - literalLength(a),
  );
  const methods = methodsForRel(link.rel);
  const linkType = link.type === undefined ? undefined : mediaTypeOf(link.type);
  for (const template of templates) {
    const candidates = byPath.get(template)!;
    for (const method of methods) {
      const same = candidates.filter((op) => op.method === method);
      if (same.length === 0) continue;
      return (
        same.find(
          (op) => linkType !== undefined && mediaTypesOf(op).includes(linkType),
        ) ?? same[0]
      );
    }
  }
  return undefined;
}

/** The href's path below the API root's (`/vApp/vapp-1`), without trailing slash; undefined when outside it. */
export function pathBelowRoot(
  href: string,
  apiRoot: string | URL,
): string | undefined {
  let root: URL;
  let url: URL;
  try {
    root = new URL(String(apiRoot));
    url = new URL(href, `${root.href.replace(/\/+$/, "")}/`);
  } catch {
    return undefined;
  }
  const base = root.pathname.replace(/\/+$/, "");
  const path = url.pathname;
  if (path !== base && !path.startsWith(`${base}/`)) return undefined;
  return trimSlash(path.slice(base.length));
}

function trimSlash(path: string): string {
  return path.replace(/\/+$/, "");
}

const patterns = new Map<string, RegExp>();

/** A template as a regular expression over a path without trailing slash. */
export function templatePattern(template: string): RegExp {
  let pattern = patterns.get(template);
  if (!pattern) {
    const source = trimSlash(template)
      .split(/(\{[^{}]+\})/)
      .map((part) =>
        part.startsWith("{") && part.endsWith("}")
          ? "[^/]+"
          : part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
      )
      .join("");
    pattern = new RegExp(`^${source}$`);
    patterns.set(template, pattern);
  }
  return pattern;
}

function literalLength(template: string): number {
  return trimSlash(template).replace(/\{[^{}]+\}/g, "").length;
}

/** The media types an operation takes (PUT, POST) and gives (GET), lower case. */
function mediaTypesOf(op: OperationInfo): string[] {
  const shapes = op.method === "GET" ? op.responses : op.requestBodies;
  return shapes.map((shape) => mediaTypeOf(shape.mediaType));
}
