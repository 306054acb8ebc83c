/**
 * A transfer with a bare client (`createBareClient`: no operations table, no documents beyond those
 * every client reads) is refused with a `VcdRequestError` before it sends anything: each of the
 * four, against the simulator, the client's fetch counting what is sent after the login.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { VcdClient } from "../../runtime/client/client.js";
import type { ClientOptions } from "../../runtime/client/types.js";
import { loadPackage } from "../helpers/generated-packages.js";
import { credentialsOf, tenantAdmin } from "../helpers/tenant-admin.js";
import { startFixture, type Fixture, type Value } from "./client-fixture.js";
import { bytesOf, descriptorOf } from "./helpers.js";

let fx: Fixture;
let catalog: Value;
let template: Value;
let media: Value;
let bare: VcdClient;
const sent: string[] = [];

beforeAll(async () => {
  fx = await startFixture();
  const client = await fx.client();
  catalog = await fx.catalog(client);
  const disk = { name: "disk1.vmdk", bytes: bytesOf(10_000, 3) };
  ({ template } = await fx.transfer.uploadOvf(client, catalog, {
    name: "for-bare",
    descriptor: descriptorOf([disk], ["vm"]),
    files: { "disk1.vmdk": new Uint8Array(disk.bytes) },
  }));
  ({ media } = await fx.transfer.uploadMedia(client, catalog, {
    name: "for-bare.iso",
    imageType: "iso",
    file: new Uint8Array(1000),
  }));
  const index = (await loadPackage("30.0")) as unknown as {
    createBareClient(options: ClientOptions): VcdClient;
  };
  bare = index.createBareClient({
    baseUrl: fx.sim.url,
    timeout: 5_000,
    fetch: (input, init) => {
      sent.push(`${init?.method ?? "GET"} ${String(input)}`);
      return fetch(input, init);
    },
  });
  await bare.login(credentialsOf(tenantAdmin(fx.sim)));
}, 60_000);

afterAll(async () => {
  await fx?.sim.close();
});

describe("transfers with a bare client", () => {
  const refused = {
    name: "VcdRequestError",
    message: expect.stringMatching(/bare client \(createBareClient\) has none/),
  };

  it("uploadOvf, uploadMedia, downloadTemplate and downloadMedia are each refused before anything is sent", async () => {
    sent.length = 0;
    await expect(
      fx.transfer.uploadOvf(bare, catalog, {
        name: "bare-ovf",
        descriptor: descriptorOf([], ["vm"]),
        files: {},
      }),
    ).rejects.toMatchObject(refused);
    await expect(
      fx.transfer.uploadMedia(bare, catalog, {
        name: "bare.iso",
        imageType: "iso",
        file: new Uint8Array(10),
      }),
    ).rejects.toMatchObject(refused);
    await expect(
      fx.transfer.downloadTemplate(bare, template, () => async () => {}),
    ).rejects.toMatchObject(refused);
    await expect(
      fx.transfer.downloadMedia(bare, media, async () => {}),
    ).rejects.toMatchObject(refused);
    expect(sent).toEqual([]);
  });
});
