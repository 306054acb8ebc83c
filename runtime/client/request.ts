/**
 * vcd-codegen runtime, client: what goes out. The URL of a call (path template and parameters, or
 * an href; the query string), its `Accept` header, and its body (the shape the operation takes for
 * the document's element, validated before anything is sent).
 */
import { ValidationError, type Document } from "../xml/index.js";
import { pathBelowRoot, templatePattern } from "./links.js";
import { VcdRequestError } from "./errors.js";
import type { BodyShape, OperationInfo } from "./operation.js";
import type { ClientBinding, Href, Target } from "./types.js";

/** `application/*+xml;version=30.0`: any vCD document, in the version spoken. */
export function acceptHeader(apiVersion: string): string {
  return `application/*+xml;version=${apiVersion}`;
}

/** The API root without trailing slashes. */
export function normalizeBaseUrl(baseUrl: string | URL): string {
  const text = String(baseUrl);
  // In a browser page, a path (`/api`) is on the page's own origin.
  const page = (globalThis as { location?: { href?: unknown } }).location?.href;
  let url: URL;
  try {
    url = typeof page === "string" ? new URL(text, page) : new URL(text);
  } catch (cause) {
    throw new VcdRequestError(
      `baseUrl is not an absolute URL: ${text}${typeof page === "string" ? "" : " (a path such as /api is taken relative to the page, in a browser)"}`,
      { cause },
    );
  }
  return url.href.replace(/\/+$/, "");
}

/** True for anything holding an `href` string (a `Link`, a `Reference`, a `Task`...). */
export function isHrefTarget(target: unknown): target is Href {
  return (
    typeof target === "object" &&
    target !== null &&
    typeof (target as { href?: unknown }).href === "string"
  );
}

/** An href as a URL: as is when absolute, else resolved against the API root. */
export function resolveHref(href: string, baseUrl: string): string {
  if (/^[a-z][a-z0-9+.-]*:/i.test(href)) return href;
  try {
    return new URL(href, `${baseUrl}/`).href;
  } catch (cause) {
    throw new VcdRequestError(`not a URL: ${href}`, { cause });
  }
}

/**
 * The URL of a call: the href of an href target (as is), or the operation's path template below
 * the API root with each `{name}` replaced by the percent-encoded parameter; then the query string.
 */
export function requestUrl(
  baseUrl: string,
  operation: OperationInfo,
  target: Target | undefined,
  query: object | undefined,
): string {
  if (isHrefTarget(target)) {
    // An href under the API root must be a path of this operation: the link of another one (a
    // VDC's href given to powerOn) would send the request where it does not belong.
    const path = pathBelowRoot(target.href, baseUrl);
    if (path !== undefined && !templatePattern(operation.path).test(path)) {
      // The href of the entity a sub-resource belongs to (a VM's, for its
      // guestCustomizationSection): the operation's path below it.
      const below = subResourceOf(operation.path, path);
      if (below !== undefined)
        return withQuery(
          `${resolveHref(target.href, baseUrl)
            .replace(/[?#].*$/, "")
            .replace(/\/+$/, "")}${below}`,
          query,
        );
      throw new VcdRequestError(
        `${operation.name} (${operation.method} ${operation.path}) was given the href ${target.href}, which is no such path: the link or reference of another operation?`,
        {
          operation: operation.name,
          method: operation.method,
          url: target.href,
        },
      );
    }
    return withQuery(resolveHref(target.href, baseUrl), query);
  }
  const params = (target ?? {}) as Readonly<Record<string, unknown>>;
  const path = operation.path.replace(/\{([^{}]+)\}/g, (_, name: string) => {
    const value = params[name];
    if (
      (typeof value !== "string" && typeof value !== "number") ||
      value === ""
    ) {
      throw new VcdRequestError(
        `${operation.name}: path parameter "${name}" is missing (${operation.method} ${operation.path}; give { ${operation.pathParameters.map((p) => `${p}: ...`).join(", ")} } or an object with an href)`,
        { operation: operation.name, method: operation.method },
      );
    }
    const text = String(value);
    // URLs resolve "." and ".." (also encoded): such a value would lead somewhere else.
    if (text === "." || text === "..") {
      throw new VcdRequestError(
        `${operation.name}: path parameter "${name}" may not be "${text}"`,
        { operation: operation.name, method: operation.method },
      );
    }
    return encodeURIComponent(text);
  });
  for (const parameter of operation.queryParameters) {
    const value = (query as Record<string, unknown> | undefined)?.[
      parameter.name
    ];
    if (parameter.required && value === undefined) {
      throw new VcdRequestError(
        `${operation.name}: query parameter "${parameter.name}" is required`,
        { operation: operation.name, method: operation.method },
      );
    }
  }
  return withQuery(`${baseUrl}${path}`, query);
}

/**
 * Appends the defined query values to a URL (after any query it has, before any fragment); a list
 * is sent comma-separated, as vCD reads `fields` (the guide's "Query Parameters":
 * `fields=name,status`).
 */
export function withQuery(url: string, query: object | undefined): string {
  if (!query) return url;
  // Percent-encoded (a space as %20, not +), which every server reads alike.
  const text = Object.entries(query as Record<string, unknown>)
    .filter(([, value]) => value !== undefined)
    .map(
      ([name, value]) =>
        `${encodeURIComponent(name)}=${encodeURIComponent(Array.isArray(value) ? value.join(",") : String(value))}`,
    )
    .join("&");
  if (!text) return url;
  const hash = url.indexOf("#");
  const base = hash < 0 ? url : url.slice(0, hash);
  const separator = base.includes("?")
    ? base.endsWith("?") || base.endsWith("&")
      ? ""
      : "&"
    : "?";
  return `${base}${separator}${text}${hash < 0 ? "" : url.slice(hash)}`;
}

/** A body ready to send. */
export interface EncodedBody {
  readonly contentType: string;
  readonly text: string;
}

/** True for a document (`{ element, value }`, a reply read earlier included) rather than a bare value. */
export function isDocument(body: object): body is Document {
  return (
    typeof (body as { element?: unknown }).element === "string" &&
    "value" in body
  );
}

/**
 * The body of a call: a document, sent as the operation's shape for its element; or a bare value,
 * sent as the operation's only shape (an operation of several shapes needs a document). The
 * document is validated at the API version spoken (any violation, a property added after that
 * version included, throws `ValidationError`) and written at it. Nothing is sent when this throws.
 */
export function encodeBody(
  documents: ClientBinding["documents"],
  operation: OperationInfo,
  body: object | undefined,
  apiVersion?: string,
): EncodedBody | undefined {
  const context = { operation: operation.name, method: operation.method };
  const shapes = operation.requestBodies;
  if (body === undefined || body === null) {
    if (shapes.length === 0) return undefined;
    throw new VcdRequestError(
      `${operation.name} takes a body: ${describeShapes(shapes)}`,
      context,
    );
  }
  if (shapes.length === 0) {
    const what = isDocument(body) ? body.element : "a value";
    throw new VcdRequestError(
      `${operation.name} (${operation.method} ${operation.path}) takes no body, was given ${what}`,
      context,
    );
  }
  let doc: Document;
  let shape: BodyShape | undefined;
  if (isDocument(body)) {
    shape = shapes.find((s) => s.element === body.element);
    if (!shape) {
      throw new VcdRequestError(
        `${operation.name} takes ${describeShapes(shapes)}, not ${body.element}`,
        context,
      );
    }
    doc = { element: body.element, value: body.value };
  } else {
    if (shapes.length > 1) {
      throw new VcdRequestError(
        `${operation.name} takes several kinds of body: give a document ({ element, value }) of ${describeShapes(shapes)}`,
        context,
      );
    }
    shape = shapes[0];
    doc = { element: shape.element, value: body };
  }
  const options = apiVersion === undefined ? undefined : { apiVersion };
  const violations = documents.validate(doc, options);
  if (violations.length) throw new ValidationError(violations);
  return { contentType: shape.mediaType, text: documents.toXml(doc, options) };
}

function describeShapes(shapes: readonly BodyShape[]): string {
  return shapes.map((s) => `${s.element} (${s.mediaType})`).join(" or ");
}

/**
 * When `path` (an href's, below the API root) is the entity a path template's sub-resource belongs
 * to, what the template adds below it: `/vApp/{id}/guestCustomizationSection` and `/vApp/vm-1`
 * give `/guestCustomizationSection`. The entity is the template up to one of its parameters, and
 * what follows it holds no parameter; the longest such entity is taken. Undefined otherwise.
 */
export function subResourceOf(
  template: string,
  path: string,
): string | undefined {
  const parts = template.split(/(\{[^{}]+\})/);
  for (let i = parts.length - 1; i >= 1; i--) {
    if (!parts[i]!.startsWith("{")) continue;
    const rest = parts.slice(i + 1).join("");
    if (rest.includes("{") || !rest) continue;
    const entity = parts.slice(0, i + 1).join("");
    if (templatePattern(entity).test(path)) return rest;
  }
  return undefined;
}
