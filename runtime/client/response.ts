/**
 * vcd-codegen runtime, client: what comes back. An error status becomes the typed error for it
 * (with the `vcloud:Error` the body holds, or the cloudapi's JSON error); an empty answer becomes {@link NoContent}; any other is
 * read as a document, which must be of a media type and a root element the operation declares.
 */
import { UnknownRootError, type Document } from "../xml/index.js";
import {
  VcdApiError,
  VcdAuthError,
  VcdNotAcceptableError,
  VcdResponseError,
  VcdUnsupportedMediaTypeError,
  type ErrorValue,
  type HttpErrorContext,
  type VcdErrorContext,
} from "./errors.js";
import { cloudapiErrorValue } from "./cloudapi.js";
import type { BodyShape } from "./operation.js";
import type { Exchange } from "./transport.js";
import type { ClientBinding, NoContent, Reply, ReplyMeta } from "./types.js";

/** The root element of a task, which any operation may answer with 202 Accepted. */
export const TASK_ELEMENT = "vcloud:Task";
const TASK_MEDIA_TYPE = "application/vnd.vmware.vcloud.task+xml";

/** What the answer may be. */
export interface Expectation {
  /** The shapes declared for the answer; empty: any document (or none). */
  readonly responses: readonly BodyShape[];
  /** An empty answer is an error (the caller needs a document). */
  readonly document?: boolean;
  /** Only the declared shapes: a 202 `Task` is not taken unless declared (a stub's typed reply). */
  readonly exact?: boolean;
  /** Where no shape is declared: the elements the answer may be (undefined: any `documents` knows). */
  readonly roots?: ReadonlySet<string>;
}

/** The media type of a `Content-Type` header: lower case, without parameters. */
export function mediaTypeOf(contentType: string | null | undefined): string {
  return (contentType ?? "").split(";")[0].trim().toLowerCase();
}

/** Whether `actual` (lower case) is the `declared` media type, compared case-insensitively; `*` in `declared` stands for any characters but `/`. */
export function mediaTypeMatches(declared: string, actual: string): boolean {
  const want = mediaTypeOf(declared);
  if (!want.includes("*")) return want === actual;
  let pattern = WILDCARDS.get(want);
  if (!pattern) {
    pattern = new RegExp(
      `^${want
        .split("*")
        .map((part) => part.replace(/[.+?^${}()|[\]\\/]/g, "\\$&"))
        .join("[^/]*")}$`,
    );
    WILDCARDS.set(want, pattern);
  }
  return pattern.test(actual);
}

/** The expressions of the wildcard media types seen (a handful: `application/*+xml`). */
const WILDCARDS = new Map<string, RegExp>();

/** The reply to an exchange, or the typed error for it. */
export function readReply(
  documents: ClientBinding["documents"],
  { url: sent, response, text, redirected }: Exchange,
  context: VcdErrorContext,
  expectation: Expectation,
): Reply<Document | NoContent> {
  const status = response.status;
  const url = response.url || sent;
  const where = { ...context, url, status };
  if (status >= 400) throw httpError(documents, response, text, where);
  const meta = replyMeta({ url: sent, response, redirected });
  const contentType = response.headers.get("content-type") ?? undefined;
  const unexpected = (problem: string, cause?: unknown) =>
    new VcdResponseError(problem, { ...where, body: text, contentType, cause });
  // 204, a 3xx the client does not follow (304, or one without a Location), or nothing at all:
  // no document. (A test for any non-space character, not trim(): that would copy a large body.)
  if (status === 204 || status < 200 || status >= 300 || !/\S/.test(text)) {
    // Where the caller's type holds a document, an answer without one is an error, a 3xx too.
    if (expectation.document) throw unexpected("no document in the answer");
    return { element: null, value: undefined, ...meta };
  }
  const declared = expectation.responses;
  const taskAllowed = status === 202 && !expectation.exact;
  const mediaType = mediaTypeOf(contentType);
  if (mediaType && !isGenericXml(mediaType)) {
    if (!mediaType.endsWith("+xml"))
      throw unexpected(`not XML (Content-Type ${contentType})`);
    const allowed = declared.map((shape) => shape.mediaType);
    if (taskAllowed) allowed.push(TASK_MEDIA_TYPE);
    if (declared.length && !allowed.some((m) => mediaTypeMatches(m, mediaType)))
      throw unexpected(
        `media type ${mediaType}, expected ${[...new Set(allowed)].join(" or ")}`,
      );
  }
  // The elements the root may be: the declared ones (and a 202 Task), else the roots given.
  const roots = expectation.roots;
  const checked = declared.length > 0 || roots !== undefined;
  const allowed = (element: string) =>
    declared.length
      ? declared.some((shape) => shape.element === element) ||
        (taskAllowed && element === TASK_ELEMENT)
      : !roots || roots.has(element);
  const wrongRoot = (root: string, cause?: unknown) => {
    const names = declared.length
      ? new Set(declared.map((shape) => shape.element))
      : new Set(roots);
    if (declared.length && taskAllowed) names.add(TASK_ELEMENT);
    // Expected, yet unknown to the documents: the element's schema was never loaded.
    if (names.has(root))
      return unexpected(
        `root element ${root}: this client has not loaded its schema (give it in accept)`,
        cause,
      );
    if (!declared.length)
      return unexpected(
        `root element ${root}: without accept, this get reads ${describeRoots(names)} (give the element's schema in accept)`,
        cause,
      );
    return unexpected(
      `root element ${root}, expected ${describeRoots(names)}`,
      cause,
    );
  };
  let doc: Document;
  try {
    doc = documents.fromXml(text);
  } catch (cause) {
    if (checked && cause instanceof UnknownRootError)
      throw wrongRoot(cause.element, cause);
    throw unexpected(
      `not a document of the API: ${cause instanceof Error ? cause.message : String(cause)}`,
      cause,
    );
  }
  if (!allowed(doc.element)) throw wrongRoot(doc.element);
  return { ...doc, ...meta } as Reply<Document>;
}

/** The elements a root may be, for a message: all of them when few, else how many. */
function describeRoots(elements: ReadonlySet<string>): string {
  const unique = [...elements];
  if (unique.length <= 8) return unique.join(" or ");
  return `one of the ${unique.length} elements this client reads here (${unique.slice(0, 3).join(", ")}, ...)`;
}

/** The HTTP facts of an answer: its status, `Location` (resolved), headers and URL. */
export function replyMeta({
  url: sent,
  response,
  redirected,
}: Pick<Exchange, "url" | "response" | "redirected">): ReplyMeta {
  const url = response.url || sent;
  return {
    status: response.status,
    location: locationOf(response, url, !!redirected),
    headers: response.headers,
    url,
  };
}

/**
 * `application/xml`, `text/xml`, or the generic `application/*+xml` (the `Accept` the client sent,
 * which real vCD servers send back as the `Content-Type` of some answers, `GET /api/versions` and
 * others: issue 15, "What real servers send"): says nothing of the document, so the root element
 * decides, and must be one the operation declares.
 */
function isGenericXml(mediaType: string): boolean {
  return (
    mediaType === "application/xml" ||
    mediaType === "text/xml" ||
    mediaType === "application/*+xml"
  );
}

function locationOf(
  response: Response,
  url: string,
  redirected: boolean,
): string | undefined {
  const location = response.headers.get("location");
  if (location === null)
    return response.redirected || redirected ? url : undefined;
  try {
    return new URL(location, url).href;
  } catch {
    return location;
  }
}

/** The typed error for a 4xx or 5xx answer. */
export function httpError(
  documents: ClientBinding["documents"],
  response: Response,
  text: string,
  context: VcdErrorContext & { status: number },
): VcdApiError {
  const full: HttpErrorContext = {
    ...context,
    statusText: response.statusText,
    headers: response.headers,
    body: text,
    error: errorValue(documents, text),
    cloudapiError: cloudapiErrorValue(text),
  };
  switch (context.status) {
    case 401:
      return new VcdAuthError(full);
    case 406:
      return new VcdNotAcceptableError(full);
    case 415:
      return new VcdUnsupportedMediaTypeError(full);
    default:
      return new VcdApiError(full);
  }
}

/** The value of a `vcloud:Error` body, or undefined for any other body. */
function errorValue(
  documents: ClientBinding["documents"],
  text: string,
): ErrorValue | undefined {
  if (!text.trimStart().startsWith("<")) return undefined;
  try {
    const doc = documents.fromXml(text);
    return doc.element === "vcloud:Error"
      ? (doc.value as ErrorValue)
      : undefined;
  } catch {
    return undefined;
  }
}
