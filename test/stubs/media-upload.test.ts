/**
 * The guide's "Upload a Media Image" (vCloud API Programming Guide, 5.5 on) through the generated
 * package against its simulator: the catalog's `rel="add"` link for media leads to `POST
 * /catalog/{id}/action/upload`, which takes the guide's `Media` body (sent as
 * `application/vnd.vmware.vcloud.media+xml`) and answers 201 with the CatalogItem; the simulator
 * accepts that body byte for byte and refuses what vCD refuses (a body of another media type than
 * it declares, a Media without its required size, a Media sent as upload parameters).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { Simulator } from "../../simulator/binding.js";
import {
  loadClientPackage,
  loadPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import { UserSession } from "../simulator/helpers/session.js";

const MEDIA = "application/vnd.vmware.vcloud.media+xml";
const UPLOAD_PARAMS =
  "application/vnd.vmware.vcloud.uploadVAppTemplateParams+xml";
/** The request body of the guide's example, as it prints it. */
const GUIDE_MEDIA = `<?xml version="1.0" encoding="UTF-8"?>
<Media
xmlns="http://www.vmware.com/vcloud/v1.5"
name="database.iso"
size="51242131"
imageType="iso">
<Description>ISO database image</Description>
</Media>`;

interface Link {
  readonly rel: string;
  readonly href: string;
  readonly type?: string;
}
type Value = Record<string, unknown> & { Link?: Link[] };

let sim: Simulator;
let pkg: ClientPackage;
let index: GeneratedPackage;
let client: VcdClient;
let catalog: Value;
const sent: { contentType: string | null; body: string }[] = [];

beforeAll(async () => {
  pkg = await loadClientPackage("30.0");
  index = await loadPackage("30.0");
  sim = await pkg.startSimulator({ taskStepMs: 5 });
  client = pkg.createClient({
    baseUrl: sim.url,
    timeout: 5_000,
    middleware: [
      {
        async onRequest({ request }) {
          if (request.method === "POST" && request.url.endsWith("/upload"))
            sent.push({
              contentType: request.headers.get("content-type"),
              body: await request.clone().text(),
            });
        },
      },
    ],
  });
  await client.login(credentialsOf(tenantAdmin(sim)));
  const records = (await pkg.api.getCatalogsQuery(client)) as {
    value: { Record: { href: string }[] };
  };
  catalog = (await client.get(records.value.Record[0].href)).value as Value;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const findLink = (value: unknown, rel: string, type?: string) =>
  (index.findLink as (v: unknown, r: string, t?: string) => Link | undefined)(
    value,
    rel,
    type,
  );

describe("Upload a Media Image", () => {
  it("the catalog's add link for media leads to POST /catalog/{id}/action/upload, which takes a Media", () => {
    const link = findLink(catalog, "add", MEDIA);
    expect(link?.href).toMatch(/\/catalog\/[^/]+\/action\/upload$/);
    const operationForLink = index.operationForLink as (
      ops: unknown,
      link: Link,
      root: string,
    ) => {
      method: string;
      path: string;
      requestBodies: { mediaType: string; element: string }[];
    };
    const op = operationForLink(pkg.operations, link!, sim.url);
    expect(`${op.method} ${op.path}`).toBe("POST /catalog/{id}/action/upload");
    expect(op.requestBodies.map((b) => [b.mediaType, b.element])).toEqual([
      [UPLOAD_PARAMS, "vcloud:UploadVAppTemplateParams"],
      [MEDIA, "vcloud:Media"],
    ]);
  });

  it("the stub sends the guide's Media as application/vnd.vmware.vcloud.media+xml; 201 and the CatalogItem", async () => {
    const link = findLink(catalog, "add", MEDIA)!;
    const reply = (await pkg.api.upload(client, link, {
      element: "vcloud:Media",
      value: {
        name: "database.iso",
        size: "51242131", // an xs:long, as a string
        imageType: "iso",
        Description: "ISO database image",
      },
    })) as { element: string; status: number };
    expect(reply.status).toBe(201);
    expect(reply.element).toBe("vcloud:CatalogItem");
    const request = sent.at(-1)!;
    expect(request.contentType).toBe(MEDIA);
    const body = index.fromXml(request.body) as {
      element: string;
      value: Record<string, unknown>;
    };
    expect(body.element).toBe("vcloud:Media");
    expect(body.value).toMatchObject({
      name: "database.iso",
      size: "51242131",
      imageType: "iso",
      Description: "ISO database image",
    });
  });

  it("a Media without its size is refused before sending (ValidationError)", async () => {
    const before = sent.length;
    await expect(
      pkg.api.upload(client, findLink(catalog, "add", MEDIA)!, {
        element: "vcloud:Media",
        value: { name: "x.iso", imageType: "iso" },
      }),
    ).rejects.toMatchObject({ name: "ValidationError" });
    expect(sent.length).toBe(before);
  });
});

describe("the simulator, as vCD", () => {
  let session: UserSession;
  beforeAll(async () => {
    // The stub's upload above created database.iso: back to the seed (same ids), so that the
    // guide's body, of the same name, is not a duplicate.
    sim.reset();
    session = await UserSession.open(sim, index, tenantAdmin(sim));
  });
  const upload = () =>
    findLink(catalog, "add", MEDIA)!.href.slice(sim.url.length);

  it("accepts the guide's body byte for byte", async () => {
    const r = await session.send("POST", upload(), MEDIA, GUIDE_MEDIA);
    expect(r.status, r.body).toBe(201);
    expect(r.element).toBe("vcloud:CatalogItem");
  });

  it("refuses a Media without size, a Media sent as upload parameters, a media type it does not take", async () => {
    const noSize = GUIDE_MEDIA.replace('size="51242131"\n', "");
    const a = await session.send("POST", upload(), MEDIA, noSize);
    expect(a.status).toBe(400);
    expect(a.body).toContain("size");
    const b = await session.send("POST", upload(), UPLOAD_PARAMS, GUIDE_MEDIA);
    expect(b.status).toBe(400);
    expect(b.body).toContain("UploadVAppTemplateParams");
    const c = await session.send(
      "POST",
      upload(),
      "application/vnd.vmware.vcloud.vApp+xml",
      GUIDE_MEDIA,
    );
    expect(c.status).toBe(415);
  });
});
