/**
 * vcd-codegen runtime, client: the formats of a query's answer. A query (`GET /vApps/query`,
 * `GET /query?type=vApp`, ...) answers in the format its `format` parameter names, each with a
 * media type of its own (vCloud API Programming Guide, "Query Parameters"): `records` (the
 * default: `QueryResultRecords`, `application/vnd.vmware.vcloud.query.records+xml`), `idrecords`
 * (the same records with ids, `...query.idrecords+xml`) and `references` (a `*References`
 * element, `...query.references+xml`). A stub of such an operation is typed by the format asked
 * for, and its answer must be of that format.
 */
import type { BodyShape, OperationInfo } from "./operation.js";
import { mediaTypeOf } from "./response.js";

/** The values of a query's `format` parameter, in the order the stubs list them. */
export const QUERY_FORMATS = ["references", "records", "idrecords"] as const;

/** A query's answer format. */
export type QueryFormat = (typeof QUERY_FORMATS)[number];

/** The format a query answers in when it is given none. */
export const DEFAULT_QUERY_FORMAT: QueryFormat = "records";

const FORMAT_MEDIA_TYPE = new RegExp(
  `^application/vnd\\.vmware\\.vcloud\\.query\\.(${QUERY_FORMATS.join("|")})\\+xml$`,
);

/** The format a media type is the answer of (`...query.records+xml` -> `records`), or undefined. */
export function queryFormatOf(mediaType: string): QueryFormat | undefined {
  return FORMAT_MEDIA_TYPE.exec(mediaTypeOf(mediaType))?.[1] as
    QueryFormat | undefined;
}

/**
 * The answers an operation may give to a request of `url`: for an operation with a `format`
 * parameter and answers of the formats, those of the format the URL asks for (its first `format`,
 * as the server reads it: the call's `query`, or the href's own, as a `nextPage` or `alternate`
 * link carries it; else the default, `records`) and those of no format (the `QueryList` of
 * `GET /query` without `type`); all of its answers otherwise, or when it declares none of the
 * format asked for.
 */
export function responsesForQuery(
  operation: Pick<OperationInfo, "queryParameters" | "responses">,
  url: string,
): readonly BodyShape[] {
  const responses = operation.responses;
  if (!operation.queryParameters.some((q) => q.name === "format"))
    return responses;
  let asked: string | null = null;
  try {
    asked = new URL(url).searchParams.get("format");
  } catch {
    // Not a URL (the request itself will say so): the default format.
  }
  const format = (asked ?? DEFAULT_QUERY_FORMAT).toLowerCase();
  const narrowed = responses.filter((shape) => {
    const of = queryFormatOf(shape.mediaType);
    return of === undefined || of === format;
  });
  return narrowed.some((shape) => queryFormatOf(shape.mediaType) === format)
    ? narrowed
    : responses;
}
