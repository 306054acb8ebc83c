/**
 * Storage counted against an org VDC's storage profiles: the system administrator sets the limit of
 * acme-vdc's default profile (Gold) with a PUT of its AdminVdcStorageProfile; then what adds to it
 * (instantiating, a media upload, an OVF package's declared files, an independent disk) fits or is
 * refused at the request with nothing left behind; deleting frees it; the figures read back from
 * the storage profile documents and the query records agree (the VDC's own `StorageCapacity` was
 * removed in 5.1: its `VdcStorageProfiles` list the profiles). Every body sent is checked by
 * the package's validate and by libxml2.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import {
  descriptorOf,
  filesOf,
  put,
  startUpload,
  withDescriptor,
} from "../transfers/helpers.js";
import { sessionOf, startSeeded } from "./helpers/seeded.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  VCLOUD_NS,
  type Entity,
  type Sent,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

const ADMIN_PROFILE = "application/vnd.vmware.admin.vdcStorageProfile+xml";
const MEDIA = "application/vnd.vmware.vcloud.media+xml";
const DISK = "application/vnd.vmware.vcloud.diskCreateParams+xml";
const MB = 1024 * 1024;
/** The seeded template's one VM has a 16384 MB disk. */
const TEMPLATE_MB = 16_384;
const LIMIT_MB = 40_960;

type Page = Entity & { total: string; Record?: Record<string, unknown>[] };

let sim: Simulator;
let pkg: GeneratedPackage;
let system: UserSession;
let admin: UserSession;
let vdcHref = "";
let templateHref = "";
let gold: Entity;

const refusal = (message: RegExp) => ({
  status: 400,
  minor: "BAD_REQUEST",
  message: expect.stringMatching(message),
});
/** vCD's `Error` document a refusal carries: its minor code and message. */
const errorOf = (body: string) => {
  const doc = pkg.fromXml(body);
  expect(doc.element).toBe("vcloud:Error");
  const value = doc.value as { minorErrorCode?: string; message?: string };
  return { minor: value.minorErrorCode, message: value.message };
};

/** The VDC's storage as every view shows it: its profile's StorageUsedMB, the records and the VDC. */
async function used(): Promise<{
  profile: number;
  adminProfile: number;
  record: number;
  adminRecord: number;
  vdcRecord: number;
}> {
  const profile = await admin.get(gold.href, "vcloud:VdcStorageProfile");
  const adminProfile = await system.get(
    `/admin/vdcStorageProfile/${gold.href.split("/").at(-1)}`,
    "vcloud:AdminVdcStorageProfile",
  );
  const record = (
    (await admin.get(
      "/query?type=orgVdcStorageProfile&filter=name==Gold",
    )) as Page
  ).Record!;
  const adminRecord = (
    (await admin.get(
      "/query?type=adminOrgVdcStorageProfile&filter=name==Gold",
    )) as Page
  ).Record!;
  const vdcRecord = ((await admin.get("/query?type=orgVdc")) as Page).Record!;
  expect([record.length, adminRecord.length, vdcRecord.length]).toEqual([
    1, 1, 1,
  ]);
  expect(Number(record[0].storageLimitMB)).toBe(Number(profile.Limit));
  return {
    profile: Number(profile.StorageUsedMB),
    adminProfile: Number(adminProfile.StorageUsedMB),
    record: Number(record[0].storageUsedMB),
    adminRecord: Number(adminRecord[0].storageUsedMB),
    vdcRecord: Number(vdcRecord[0].storageUsedMB),
  };
}

/** What every view shows, the same figure in MB (Silver holds nothing: Gold's is the VDC's). */
const everywhere = (mb: number) => ({
  profile: mb,
  adminProfile: mb,
  record: mb,
  adminRecord: mb,
  vdcRecord: mb,
});

const instantiate = (name: string) =>
  admin.send(
    "POST",
    `${vdcHref}/action/instantiateVAppTemplate`,
    INSTANTIATE_TYPE,
    instantiateBody(name, templateHref),
  );

/** The status a 201's entity's creation task (its first) ends with. */
async function created(sent: Sent): Promise<unknown> {
  const tasks = (sent.value!.Tasks as { Task: Entity[] }).Task;
  return (await admin.waitFor(tasks[0])).status;
}

async function count(type: string, filter: string): Promise<number> {
  const page = (await admin.get(
    `/query?type=${type}&filter=${encodeURIComponent(filter)}`,
  )) as Page;
  return Number(page.total);
}

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded({ recordBodies: true }));
  system = await UserSession.open(sim, pkg, sim.users[0]);
  admin = await sessionOf(sim, pkg, "acme-admin");
  const vdcs = ((await admin.get("/query?type=orgVdc")) as Page).Record!;
  vdcHref = vdcs[0].href as string;
  const items = ((await admin.get("/query?type=catalogItem")) as Page).Record!;
  templateHref = items[0].entity as string;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("storage counted against an org VDC", () => {
  it("the VDC lists its storage profiles (the seed's Gold, the default, unlimited, and Silver, 200 GB); the seeded template's disk is on Gold", async () => {
    const vdc = await admin.get(vdcHref, "vcloud:Vdc");
    const refs = (vdc.VdcStorageProfiles as { VdcStorageProfile: Entity[] })
      .VdcStorageProfile;
    expect(refs.map((r) => r.name)).toEqual(["Gold", "Silver"]);
    expect(refs[0].id).toMatch(/^urn:vcloud:vdcstorageProfile:/);
    gold = refs[0];
    const profile = await admin.get(gold.href, "vcloud:VdcStorageProfile");
    expect([
      profile.Default,
      profile.Enabled,
      profile.Units,
      profile.Limit,
    ]).toEqual([true, true, "MB", "0"]);
    const silver = await admin.get(refs[1].href, "vcloud:VdcStorageProfile");
    expect([silver.Default, silver.Limit, silver.StorageUsedMB]).toEqual([
      false,
      "204800",
      "0",
    ]);
    expect(await used()).toEqual(everywhere(TEMPLATE_MB));
  });

  it("the system administrator sets Gold's limit (PUT AdminVdcStorageProfile); an organization administrator may not", async () => {
    const path = `/admin/vdcStorageProfile/${gold.href.split("/").at(-1)}`;
    const current = await system.get(path, "vcloud:AdminVdcStorageProfile");
    const pvdcProfile = current.ProviderVdcStorageProfile as Entity;
    expect(pvdcProfile.name).toBe("Gold");
    const body = (limit: number) =>
      `<AdminVdcStorageProfile xmlns="${VCLOUD_NS}" name="Gold"><Enabled>true</Enabled><Units>MB</Units><Limit>${limit}</Limit><Default>true</Default><ProviderVdcStorageProfile href="${pvdcProfile.href}"/></AdminVdcStorageProfile>`;
    const denied = await admin.send("PUT", path, ADMIN_PROFILE, body(1));
    expect(denied.status).toBe(403);
    const r = await system.send("PUT", path, ADMIN_PROFILE, body(LIMIT_MB));
    expect(r.status, r.body).toBe(200);
    expect(r.element).toBe("vcloud:AdminVdcStorageProfile");
    expect(r.value!.Limit).toBe(String(LIMIT_MB));
    const record = (
      (await admin.get(
        "/query?type=orgVdcStorageProfile&filter=name==Gold",
      )) as Page
    ).Record![0];
    expect([record.storageLimitMB, record.isDefaultStorageProfile]).toEqual([
      LIMIT_MB,
      true,
    ]);
    const vdcRecord = ((await admin.get("/query?type=orgVdc")) as Page)
      .Record![0];
    // Silver is limited too: the VDC's limit is the sum
    expect(Number(vdcRecord.storageLimitMB)).toBe(LIMIT_MB + 204_800);
    // the provider VDC's Gold: its org VDCs' limits request it (globex-vdc's is unlimited, 0), what
    // they hold is provisioned, its datastore (ssd-01, 2097152 MB) is its total; the system administrator's
    const pvdcGold = (
      (await system.get(
        "/query?type=providerVdcStorageProfile&filter=name==Gold",
      )) as Page
    ).Record!;
    expect(
      pvdcGold.map((r) =>
        [r.storageTotalMB, r.storageRequestedMB, r.storageProvisionedMB].map(
          Number,
        ),
      ),
    ).toEqual([[2_097_152, LIMIT_MB, TEMPLATE_MB]]);
    const tenantView = await admin.send(
      "GET",
      "/query?type=providerVdcStorageProfile",
    );
    expect(tenantView.status).toBe(403);
  });

  let first = "";

  it("instantiating fills it: a vApp that fits is made; one past the limit is refused at the request, no vApp left", async () => {
    const made = await instantiate("fits");
    expect(made.status, made.body).toBe(201);
    first = made.value!.href;
    expect(await created(made)).toBe("success");
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB));
    const refused = await instantiate("too-much");
    expect({ status: refused.status, ...errorOf(refused.body) }).toEqual(
      refusal(
        /^Not enough storage: the storage profile "Gold" of the VDC "acme-vdc" has a limit of 40960 MB, 32768 MB are used, and the request needs 16384 MB more\.$/,
      ),
    );
    expect(await count("vApp", "name==too-much")).toBe(0);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB));
  });

  it("deleting the vApp frees its disks: the same request now fits", async () => {
    const deleted = await admin.task("DELETE", first);
    expect(deleted.status).toBe("success");
    expect(await used()).toEqual(everywhere(TEMPLATE_MB));
    const again = await instantiate("fits-now");
    expect(again.status, again.body).toBe(201);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB));
    // Gold is full but for 8192 MB: what follows fits in that or does not
    expect(await created(again)).toBe("success");
  });

  const mediaBody = (name: string, size: number) =>
    `<Media xmlns="${VCLOUD_NS}" name="${name}" size="${size}" imageType="iso"><Description>an ISO</Description></Media>`;
  const mediaAdd = async () => {
    const catalogs = ((await admin.get("/query?type=catalog")) as Page).Record!;
    const catalog = await admin.get(catalogs[0].href as string);
    return catalog.Link!.find((l) => l.rel === "add" && l.type === MEDIA)!.href;
  };

  it("a media upload is counted at the size it declares: one that fits is made (and counted before a byte comes)", async () => {
    const r = await admin.send(
      "POST",
      await mediaAdd(),
      MEDIA,
      mediaBody("fits.iso", 4096 * MB),
    );
    expect(r.status, r.body).toBe(201);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096));
  });

  it("one that does not fit is refused: no media, no catalog item, no transfer, nothing counted", async () => {
    const before = await count("catalogItem", "name==big.iso");
    const r = await admin.send(
      "POST",
      await mediaAdd(),
      MEDIA,
      mediaBody("big.iso", 8192 * MB),
    );
    expect({ status: r.status, ...errorOf(r.body) }).toEqual(
      refusal(
        /storage profile "Gold" .* 36864 MB are used, and the request needs 8192 MB more\.$/,
      ),
    );
    expect(await count("media", "name==big.iso")).toBe(0);
    expect(await count("catalogItem", "name==big.iso")).toBe(before);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096));
  });

  it("an OVF package is counted at the sizes its descriptor declares: a descriptor past the limit is refused (400) and starts over; one that fits is taken", async () => {
    const { templateHref: uploaded } = await startUpload(admin, "package");
    const big = descriptorOf(
      [{ name: "disk1.vmdk", bytes: Buffer.alloc(0) }],
      ["vm1"],
    ).replace('ovf:size="0"', `ovf:size="${5000 * MB}"`);
    const files = await filesOf(admin, uploaded);
    const refused = await put(
      admin,
      files.get("descriptor.ovf")!.href,
      Buffer.from(big, "utf8"),
    );
    const text = await refused.text();
    expect({ status: refused.status, ...errorOf(text) }).toEqual(
      refusal(/storage profile "Gold" .* needs 5000 MB more\.$/),
    );
    // nothing of the descriptor kept: still the descriptor alone, empty again
    const after = await filesOf(admin, uploaded);
    expect([...after.keys()]).toEqual(["descriptor.ovf"]);
    expect(after.get("descriptor.ovf")!.bytesTransferred).toBe(0);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096));
    const small = descriptorOf(
      [{ name: "disk1.vmdk", bytes: Buffer.alloc(3 * MB) }],
      ["vm1"],
    );
    const listed = await withDescriptor(admin, uploaded, small);
    expect(listed.get("disk1.vmdk")!.size).toBe(3 * MB);
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096 + 3));
  });

  it("an independent disk past the limit is refused, one that fits is made; deleting it frees it", async () => {
    const disk = (name: string, size: number) =>
      admin.send(
        "POST",
        `${vdcHref}/disk`,
        DISK,
        `<DiskCreateParams xmlns="${VCLOUD_NS}"><Disk name="${name}" size="${size}"/></DiskCreateParams>`,
      );
    const refused = await disk("huge", 5000 * MB);
    expect({ status: refused.status, ...errorOf(refused.body) }).toEqual(
      refusal(/storage profile "Gold" .* needs 5000 MB more\.$/),
    );
    expect(await count("disk", "name==huge")).toBe(0);
    const made = await disk("small", 1024 * MB);
    expect(made.status, made.body).toBe(201);
    expect(await created(made)).toBe("success");
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096 + 3 + 1024));
    expect((await admin.task("DELETE", made.value!.href)).status).toBe(
      "success",
    );
    expect(await used()).toEqual(everywhere(2 * TEMPLATE_MB + 4096 + 3));
  });

  it("a VM's disk grown past the limit is refused (PUT virtualHardwareSection/disks), one that fits is taken", async () => {
    const vm = (
      (await admin.get(
        `/query?type=vm&filter=${encodeURIComponent("containerName==fits-now")}`,
      )) as Page
    ).Record![0].href as string;
    const path = `${vm}/virtualHardwareSection/disks`;
    const current = await admin.send("GET", path);
    expect(current.status).toBe(200);
    const sized = (mb: number) =>
      current.body.replace(`>${TEMPLATE_MB * MB}<`, `>${mb * MB}<`);
    expect(sized(1)).not.toBe(current.body);
    const rasd = "application/vnd.vmware.vcloud.rasdItemsList+xml";
    const before = 2 * TEMPLATE_MB + 4096 + 3;
    const refused = await admin.send(
      "PUT",
      path,
      rasd,
      sized(TEMPLATE_MB + 5000),
    );
    expect({ status: refused.status, ...errorOf(refused.body) }).toEqual(
      refusal(/storage profile "Gold" .* needs 5000 MB more\.$/),
    );
    expect(await used()).toEqual(everywhere(before));
    const grown = await admin.task(
      "PUT",
      path,
      rasd,
      sized(TEMPLATE_MB + 2048),
    );
    expect(grown.status).toBe("success");
    expect(await used()).toEqual(everywhere(before + 2048));
  });

  it("another organization's storage profile is not there for it (403, as a missing one)", async () => {
    const globex = await sessionOf(sim, pkg, "globex-admin");
    const r = await globex.send("GET", gold.href);
    expect(r.status).toBe(403);
    const page = (await globex.get("/query?type=orgVdcStorageProfile")) as Page;
    expect(page.Record!.map((x) => x.vdcName)).toEqual([
      "globex-vdc",
      "globex-vdc",
    ]);
  });

  it("every body the simulator sent is valid (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
