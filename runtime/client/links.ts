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

/**
 * One of the `Known` strings, offered by editors, or any other (`string & {}` keeps the literals
 * from collapsing into `string`): vCD sends rels and media types no list has.
 */
export type OpenString<Known extends string> = Known | (string & {});

/** {@link findLink}, its rel and media type typed with a package's vocabulary (`LinkRel`, `LinkMediaType`). */
export type FindLink<Rel extends string, MediaType extends string> = <
  L extends LinkLike,
>(
  value: HasLinks<L> | undefined,
  rel: OpenString<Rel>,
  mediaType?: OpenString<MediaType>,
) => L | undefined;

/** {@link findLinks}, its rel typed with a package's vocabulary (`LinkRel`). */
export type FindLinks<Rel extends string> = <L extends LinkLike>(
  value: HasLinks<L> | undefined,
  rel?: OpenString<Rel>,
) => L[];

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
 * `instantiateVAppTemplate`, `task:cancel`...) or names what it leads to (`orgVdcNetworks`,
 * `edgeGateways`): POST, or GET; the link's type chooses between them (see `operationForLink`).
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
 * specific template wins (the most literal characters). Among its operations, rel, type and
 * method choose together ({@link chooseForLink}).
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
  for (const template of templates) {
    const chosen = chooseForLink(byPath.get(template)!, link);
    if (chosen) return chosen;
  }
  return undefined;
}

/**
 * Among the operations of one path, the one a link means: of the methods its rel may mean
 * ({@link methodsForRel}, in order of preference), first one whose body (PUT, POST) or answer
 * (GET) has the link's media type; else, with a type, the first that does not take bodies of other
 * types only; else the first of the preferred method. A link's type is what a GET answers or what
 * a POST/PUT takes: a VDC as real servers send it links `rel="orgVdcNetworks"` (and
 * `rel="edgeGateways"`) of type `application/vnd.vmware.vcloud.query.records+xml` to
 * `/admin/vdc/{id}/networks`, the records its GET answers, not the `OrgVdcNetwork` its POST takes
 * (that path's `rel="add"` link, of type `...orgVdcNetwork+xml`).
 */
function chooseForLink(
  candidates: readonly OperationInfo[],
  link: LinkLike,
): OperationInfo | undefined {
  const ordered = methodsForRel(link.rel).flatMap((method) =>
    candidates.filter((op) => op.method === method),
  );
  if (link.type === undefined) return ordered[0];
  const type = mediaTypeOf(link.type);
  return (
    ordered.find((op) => mediaTypesOf(op).includes(type)) ??
    ordered.find((op) => !takesOtherBodiesOnly(op)) ??
    ordered[0]
  );
}

/** A PUT or POST that declares its bodies (none of them of the link's type, by now). */
function takesOtherBodiesOnly(op: OperationInfo): boolean {
  return op.method !== "GET" && op.requestBodies.length > 0;
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
