/**
 * The operations (the document plus our overrides) against the `Link`s of real vCD documents: every
 * link under the API root must lead to an operation, an `edit`/`add` link's media type must be
 * one the operation takes, and any link's type what its GET answers or its PUT/POST takes. What cannot hold is listed below with its reason: a list that can only
 * shrink (a test fails when an entry no longer applies).
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { DOMParser } from "@xmldom/xmldom";
import { beforeAll, describe, expect, it } from "vitest";
import { operationRow } from "../../generator/emit/client/emit-operations-table.js";
import type { Model } from "../../generator/model/ir.js";
import { ModelIndex } from "../../generator/model/model-index.js";
import { buildModel } from "../../generator/pipeline.js";
import { operationForLink } from "../../runtime/client/links.js";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { VCD_SAMPLES_DIR, vcdModelOptions } from "../helpers/vcd-inputs.js";

/** `rel path-template type` (ids in the href replaced by `*`) -> why it cannot hold. */
const EXCEPTIONS: Record<string, string> = {
  "add /admin/org/*/networks application/vnd.vmware.admin.orgNetwork+xml":
    "API 1.5: OrgNetwork was removed (REMOVED_VERSION_15_51); 30.0 creates networks on the VDC",
  "edit /admin/network/* application/vnd.vmware.admin.orgNetwork+xml":
    "API 1.5: OrgNetwork was removed (REMOVED_VERSION_15_51); the 30.0 PUT takes an OrgVdcNetwork",
  "edit /vAppTemplate/*/customizationSection application/vnd.vmware.vcloud.customizationSection+xml":
    "API 1.5: the 30.0 operations document has only GET on a template's customizationSection",
  "edit /v1.5/vAppTemplate/*/guestCustomizationSection application/vnd.vmware.vcloud.guestCustomizationSection+xml":
    "a hand-edited jclouds fixture: its hrefs put a /v1.5 segment under /api, which no vCD serves",
  "edit /v1.5/vAppTemplate/*/leaseSettingsSection application/vnd.vmware.vcloud.leaseSettingsSection+xml":
    "a hand-edited jclouds fixture: its hrefs put a /v1.5 segment under /api, which no vCD serves",
  "up /admin/catalog/* application/vnd.vmware.vcloud.catalog+xml":
    "a jclouds fixture: the Owner of an admin catalog links up to its admin href with the user Catalog's type; GET /admin/catalog/{id} answers an AdminCatalog",
  "entityResolver /entity application/vnd.vmware.vcloud.entity+xml":
    "the entity resolver's base URL (a client appends an id): GET /entity/{id} is the operation",
};

interface FoundLink {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
  readonly file: string;
}

function sampleLinks(): FoundLink[] {
  const index = JSON.parse(
    readFileSync(join(VCD_SAMPLES_DIR, "INDEX.json"), "utf8"),
  ) as { file: string; well_formed: boolean }[];
  const out: FoundLink[] = [];
  for (const entry of index) {
    if (!entry.well_formed) continue;
    const text = readFileSync(join(VCD_SAMPLES_DIR, entry.file), "utf8");
    const doc = new DOMParser().parseFromString(text, "text/xml");
    const links = doc.getElementsByTagNameNS("*", "Link");
    for (let i = 0; i < links.length; i++) {
      const link = links[i];
      const href = link.getAttribute("href") ?? "";
      if (!/^https?:\/\/[^/]+\/api\//.test(href)) continue;
      out.push({
        rel: link.getAttribute("rel") ?? "",
        href,
        type: link.getAttribute("type") ?? undefined,
        file: entry.file,
      });
    }
  }
  return out;
}

/**
 * Whether a link's type is what the operation it leads to answers (GET) or takes (PUT, POST), or
 * the operation declares none (open), or takes no body: an action link's type may name what its
 * POST answers (`rel="task:cancel"`), and a DELETE has none.
 */
function typeFits(op: OperationInfo, type: string): boolean {
  const shapes = op.method === "GET" ? op.responses : op.requestBodies;
  if (op.method === "DELETE" || shapes.length === 0) return true;
  return shapes.some((b) => b.mediaType.toLowerCase() === type.toLowerCase());
}

/** The link's key in EXCEPTIONS: its path below /api with each id segment as `*`. */
function keyOf(link: FoundLink): string {
  const path = new URL(link.href).pathname
    .slice("/api".length)
    .replace(/\/+$/, "")
    .split("/")
    .map((s) => (/\d/.test(s) && !/^v\d/.test(s) ? "*" : s))
    .join("/");
  return `${link.rel} ${path} ${link.type ?? ""}`.trim();
}

describe("the operations against the links of real vCD documents", () => {
  let rows: OperationInfo[];
  let links: FoundLink[];
  beforeAll(() => {
    const model: Model = buildModel(vcdModelOptions("all")).model;
    const index = new ModelIndex(model);
    rows = model.operations.map(
      (op) => operationRow(index, op) as unknown as OperationInfo,
    );
    links = sampleLinks();
  });

  it("finds hundreds of links to check", () => {
    expect(links.length).toBeGreaterThan(500);
  });

  it("every link leads to an operation, an edit/add link's type is one it takes, a typed link's what its GET answers or its PUT/POST takes", () => {
    const problems = new Map<string, string>();
    for (const link of links) {
      const root = link.href.slice(0, link.href.indexOf("/api/") + 4);
      const op = operationForLink(rows, link, root);
      let problem: string | undefined;
      if (!op) problem = "no operation";
      else if (
        (link.rel === "edit" || link.rel === "add") &&
        link.type &&
        !op.requestBodies.some(
          (b) => b.mediaType.toLowerCase() === link.type!.toLowerCase(),
        )
      )
        problem = `${op.method} ${op.path} takes ${op.requestBodies.map((b) => b.mediaType).join(", ") || "no body"}`;
      else if (link.type && !typeFits(op, link.type))
        problem =
          op.method === "GET"
            ? `${op.method} ${op.path} answers ${op.responses.map((b) => b.mediaType).join(", ")}`
            : `${op.method} ${op.path} takes ${op.requestBodies.map((b) => b.mediaType).join(", ")}`;
      if (problem) problems.set(keyOf(link), `${problem} (${link.file})`);
    }
    const unexplained = [...problems].filter(([key]) => !(key in EXCEPTIONS));
    expect(unexplained).toEqual([]);
    // The list only shrinks: every exception must still be needed.
    const stale = Object.keys(EXCEPTIONS).filter((key) => !problems.has(key));
    expect(stale).toEqual([]);
  });

  it("the overrides give GET /vApp/{id} both of its answers and PUT /vApp/{id} both of its bodies", () => {
    const get = rows.find(
      (r) => r.method === "GET" && r.path === "/vApp/{id}",
    )!;
    expect(get.responses.map((r) => r.element)).toEqual([
      "vcloud:VApp",
      "vcloud:Vm",
    ]);
    const put = rows.find(
      (r) => r.method === "PUT" && r.path === "/vApp/{id}",
    )!;
    expect(
      put.requestBodies.map((r) => [r.element, r.mediaType]).sort(),
    ).toEqual([
      ["vcloud:VApp", "application/vnd.vmware.vcloud.vApp+xml"],
      ["vcloud:Vm", "application/vnd.vmware.vcloud.vm+xml"],
    ]);
    const cpu = rows.find(
      (r) =>
        r.method === "PUT" &&
        r.path === "/vApp/{id}/virtualHardwareSection/cpu",
    )!;
    expect(cpu.requestBodies).toEqual([
      {
        mediaType: "application/vnd.vmware.vcloud.rasdItem+xml",
        type: "ovf:RASD_Type",
        element: "vcloud:Item",
      },
    ]);
  });
});
