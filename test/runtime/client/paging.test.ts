/** paginate: following nextPage links of query answers, served by a real HTTP server. */
import { describe, expect, it } from "vitest";
import { paginate, VcdApiError } from "../../../runtime/client/index.js";
import { serverPerTest } from "../../helpers/server-per-test.js";
import { clientFor, operation, xmlHeaders } from "./fixtures.js";

const server = serverPerTest();

const queryVms = operation({
  name: "queryVms",
  method: "GET",
  path: "/query",
  responses: [
    {
      mediaType: "application/vnd.vmware.vcloud.query.records+xml",
      type: "vcloud:QueryResultRecordsType",
      element: "vcloud:QueryResultRecords",
    },
  ],
});

/** Page `page` of `total` one-VM pages; `next` overrides where its nextPage link points. */
function pageXml(page: number, total: number, next?: number): string {
  const href = (p: number) =>
    `${server.url}/api/query?type=vm&amp;page=${p}&amp;pageSize=1`;
  const nextLink =
    page < total || next !== undefined
      ? `<Link rel="nextPage" type="application/vnd.vmware.vcloud.query.records+xml" href="${href(next ?? page + 1)}"/>`
      : "";
  return `<?xml version="1.0" encoding="UTF-8"?><QueryResultRecords xmlns="http://www.vmware.com/vcloud/v1.5" href="${href(page)}" name="vm" page="${page}" pageSize="1" total="${total}" type="application/vnd.vmware.vcloud.query.records+xml">${nextLink}<VMRecord name="vm-${page}" href="${server.url}/api/vApp/vm-${page}"/></QueryResultRecords>`;
}

function serveQuery(total: number, loopTo?: number) {
  server.on("GET", "/api/query", (req) => {
    const page = Number(req.query.get("page") ?? "1");
    return {
      headers: xmlHeaders("query.records"),
      body: pageXml(page, total, page === total ? loopTo : undefined),
    };
  });
}

/** A records page as read: the records are the `Record` substitution group, each tagged with `$element`. */
type Records = { page: number; Record?: { $element?: string; name: string }[] };

describe("paginate", () => {
  it("yields the first page, then each nextPage, until there is none", async () => {
    serveQuery(3);
    const client = await clientFor(server.url);
    client.resume("tok");
    const first = await client.call(queryVms, undefined, undefined, {
      query: { type: "vm", page: 1, pageSize: 1 },
    });
    if (first.element === null) throw new Error("no first page");
    const names: string[] = [];
    for await (const page of paginate(client, first)) {
      expect(page.element).toBe("vcloud:QueryResultRecords");
      names.push(
        ...((page.value as Records).Record ?? []).map(
          (r) => `${r.$element} ${r.name}`,
        ),
      );
    }
    expect(names).toEqual([
      "vcloud:VMRecord vm-1",
      "vcloud:VMRecord vm-2",
      "vcloud:VMRecord vm-3",
    ]);
    expect(server.requests.map((r) => r.query.get("page"))).toEqual([
      "1",
      "2",
      "3",
    ]);
    expect(
      server.requests.every((r) => r.headers.authorization === "Bearer tok"),
    ).toBe(true);
  });

  it("reads nothing ahead: breaking out stops it", async () => {
    serveQuery(5);
    const client = await clientFor(server.url);
    const first = await client.get(`${server.url}/api/query?type=vm&page=1`);
    let pages = 0;
    for await (const page of paginate(client, first)) {
      pages++;
      if ((page.value as Records).page === 2) break;
    }
    expect(pages).toBe(2);
    expect(server.requests).toHaveLength(2);
  });

  it("a server linking in a circle cannot make it endless", async () => {
    serveQuery(3, 1);
    const client = await clientFor(server.url);
    const first = await client.get(`${server.url}/api/query?type=vm&page=1`);
    const pages: number[] = [];
    for await (const page of paginate(client, first)) {
      pages.push((page.value as Records).page);
    }
    expect(pages).toEqual([1, 2, 3]);
  });

  it("a page that fails rejects the iteration with its error", async () => {
    serveQuery(2);
    const client = await clientFor(server.url);
    const first = await client.get(`${server.url}/api/query?type=vm&page=1`);
    server.reset();
    server.on("GET", "/api/query", { status: 503 });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const page of paginate(client, first)) {
        seen.push((page.value as Records).page);
      }
    })().catch((e: unknown) => e);
    expect(seen).toEqual([1]);
    expect(error).toBeInstanceOf(VcdApiError);
    expect((error as VcdApiError).status).toBe(503);
  });
});
