/**
 * vcd-codegen runtime, client: the description of one operation of the XML REST API, as the
 * generated `operations` table holds it (one plain object per operation). The client and the
 * simulator both work from these rows; tools built on the package may read them too.
 */

import type { ElementGroupPart, ElementPart } from "../xml/index.js";
import { compareApiVersions } from "./version-order.js";

export type HttpMethod = "GET" | "PUT" | "POST" | "DELETE";

/** Who may call it: `user` anyone logged in, `admin` an organization or system administrator, `extension` the system administrator. */
export type OperationTag = "user" | "admin" | "extension";

/** One shape a body may take: its media type as sent over HTTP, its XSD type, and the global element it is written as. */
export interface BodyShape {
  /** `application/vnd.vmware.vcloud.vApp+xml`. */
  readonly mediaType: string;
  /** `prefix:TypeName` (`vcloud:VAppType`). */
  readonly type: string;
  /** The global element (`vcloud:VApp`) whose type is `type` and whose media type is `mediaType`. */
  readonly element: string;
  /** The element's schema part: the client loads it before it writes or reads such a body (a hand-written row may leave it out, for a binding whose documents know every element). */
  readonly part?: ElementPart;
}

export interface QueryParameter {
  readonly name: string;
  readonly required: boolean;
}

export interface OperationInfo {
  /** The stub's name (`powerOnVApp`): unique in the package. */
  readonly name: string;
  readonly method: HttpMethod;
  /** The path template relative to the API root, as in the operations document (`/vApp/{id}/power/action/powerOn`). */
  readonly path: string;
  readonly tag: OperationTag;
  /** `basic` for the login operations, `bearer` for everything else. */
  readonly auth: "basic" | "bearer";
  /** The names of the path template's parameters, in order. */
  readonly pathParameters: readonly string[];
  readonly queryParameters: readonly QueryParameter[];
  /** The first (usually only) request media type, or null for an operation without a body. */
  readonly requestMediaType: string | null;
  /** The XSD type of that body (`prefix:TypeName`), or null. */
  readonly requestType: string | null;
  /** Every shape the request body may take (several where a path takes more than one type). */
  readonly requestBodies: readonly BodyShape[];
  /** The media types the operation may answer with. Empty: not declared (open: any document, or none). */
  readonly responseMediaTypes: readonly string[];
  /** The XSD types of those answers, in the same order. */
  readonly responseTypes: readonly string[];
  /** Every shape an answer may take. */
  readonly responses: readonly BodyShape[];
  readonly deprecated: boolean;
  /** For an operation that declares no answer (it may answer any document): every element's part, loaded before the answer is read. */
  readonly anyDocument?: ElementGroupPart;
  /** The first API version that has it (absent: as old as the package's oldest version): a session speaking an older version refuses it before sending. */
  readonly addedIn?: string;
  /** The first API version whose operations document no longer lists it (absent: the package's own version lists it): a session speaking it or a newer one refuses it before sending. */
  readonly removedIn?: string;
}

/**
 * Whether an operation exists at an API version (what a client refuses before sending and a server
 * answers 404 to): `added` when its `addedIn` is after the version, `removed` when its `removedIn`
 * is the version or an older one, undefined when it exists (or the version is not a number).
 */
export function availabilityAt(
  operation: Pick<OperationInfo, "addedIn" | "removedIn">,
  version: string,
): { readonly missing: "added" | "removed"; readonly in: string } | undefined {
  const { addedIn, removedIn } = operation;
  if (addedIn !== undefined && compareApiVersions(addedIn, version) > 0)
    return { missing: "added", in: addedIn };
  if (removedIn !== undefined && compareApiVersions(removedIn, version) <= 0)
    return { missing: "removed", in: removedIn };
  return undefined;
}
