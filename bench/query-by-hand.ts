/**
 * The query bench's peer: what a user would write without the client, walking a `type=vm` query
 * page after page with `fetch` + the package's `fromXml`, following the `nextPage` links; run in
 * the bench's own process (records per second) and in the walker child (peak memory).
 */

const ACCEPT = "application/*+xml;version=30.0";

export interface ByHandPackage {
  fromXml(xml: string): {
    element: string;
    value: {
      Record?: unknown[];
      Link?: { rel: string; href: string }[];
    };
  };
}

/** Every record of the query, in pages of `pageSize`; `onRecord` sees the count after each. */
export async function walkByHand(
  pkg: ByHandPackage,
  apiRoot: string,
  token: string,
  pageSize: number,
  onRecord?: (count: number) => void,
): Promise<number> {
  let url: string | undefined =
    `${apiRoot}/query?type=vm&pageSize=${pageSize}&format=records`;
  let count = 0;
  while (url) {
    const response = await fetch(url, {
      headers: { Accept: ACCEPT, Authorization: `Bearer ${token}` },
      signal: AbortSignal.timeout(60_000),
    });
    if (!response.ok) throw new Error(`${url}: ${response.status}`);
    const page = pkg.fromXml(await response.text());
    for (const record of page.value.Record ?? [])
      if (record) {
        count++;
        onRecord?.(count);
      }
    url = page.value.Link?.find((l) => l.rel === "nextPage")?.href;
  }
  return count;
}
