/**
 * vcd-codegen runtime, client: paging (an AWS SDK v3 style paginator). A query answer
 * (`QueryResultRecords`, `References`, ...) links to the next page with `rel="nextPage"`;
 * {@link paginate} follows those links as an async iterator.
 */
import type { Document, ElementPart } from "../xml/index.js";
import type { VcdClient } from "./client.js";
import { findLink, type HasLinks } from "./links.js";
import type { CallOptions } from "./types.js";

/**
 * Yields `first` (a page the caller has read, such as a query stub's reply), then each page its
 * `nextPage` link leads to, read with `client.get` (each with `options`), until a page has no
 * such link. An href seen before (the first page's own included) ends the walk (a server that links in a circle cannot make it
 * endless). Breaking out of the loop stops it; nothing is read ahead.
 */
export async function* paginate<D extends Document>(
  client: VcdClient,
  first: D,
  options?: CallOptions,
): AsyncGenerator<D, void, undefined> {
  const seen = new Set<string>();
  const own = (first.value as { href?: unknown } | undefined)?.href;
  if (typeof own === "string") seen.add(own);
  let page: D = first;
  for (;;) {
    yield page;
    const next = findLink(page.value as HasLinks | undefined, "nextPage");
    if (!next || seen.has(next.href)) return;
    seen.add(next.href);
    // The next page is a document of the same element as the first.
    page = (await client.get(next.href, {
      ...options,
      // A name, not a schema: the client has read the first page, so it knows its element.
      accept: [page.element as unknown as ElementPart],
    })) as unknown as D;
  }
}
