/**
 * What a query answers in each format. A query (`GET /vApps/query`, `GET /query`, ...) has a
 * `format` parameter and an answer of each format's media type
 * (`application/vnd.vmware.vcloud.query.<format>+xml`, vCloud API Programming Guide, "Query
 * Parameters"); its stub is typed by the format asked for, as the runtime reads the answer of that
 * format only (`runtime/client/query-format.ts`, whose reading of media types this shares).
 */
import type { Operation } from "../../model/ir.js";
import {
  DEFAULT_QUERY_FORMAT,
  QUERY_FORMATS,
  queryFormatOf,
  type QueryFormat,
} from "../../../runtime/client/query-format.js";

export { QUERY_FORMATS, type QueryFormat };

/** The format of a call that names none. */
export const DEFAULT_FORMAT: QueryFormat = DEFAULT_QUERY_FORMAT;

/**
 * The elements a query answers in each format, or undefined for an operation that is no query of
 * the three formats (no `format` parameter, or no answer of one of them). An answer of no format
 * (the `QueryList` of `GET /query` without `type`) may come whatever the format.
 */
export function queryFormats(
  op: Operation,
): Record<QueryFormat, string[]> | undefined {
  if (!op.queryParameters.some((q) => q.name === "format")) return undefined;
  const byFormat = new Map<QueryFormat | undefined, Set<string>>();
  for (const response of op.responses) {
    const format = queryFormatOf(response.mediaType);
    const set = byFormat.get(format) ?? new Set<string>();
    set.add(response.element);
    byFormat.set(format, set);
  }
  if (!QUERY_FORMATS.every((format) => byFormat.has(format))) return undefined;
  const any = [...(byFormat.get(undefined) ?? [])];
  return Object.fromEntries(
    QUERY_FORMATS.map((format) => [
      format,
      [...new Set([...byFormat.get(format)!, ...any])],
    ]),
  ) as Record<QueryFormat, string[]>;
}
