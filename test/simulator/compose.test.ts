/**
 * Building vApps with raw HTTP: compose from a template and a template VM, recompose (add a VM,
 * delete one; a running VM refused), clone (copy, then move), capture to a catalog (a new item whose
 * template instantiates; a running vApp refused), asserting on the state the simulator ends in.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { startSeeded, sessionOf } from "./helpers/seeded.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  VCLOUD_NS,
  type Entity,
} from "./helpers/session.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

const MT = {
  compose: "application/vnd.vmware.vcloud.composeVAppParams+xml",
  recompose: "application/vnd.vmware.vcloud.recomposeVAppParams+xml",
  clone: "application/vnd.vmware.vcloud.cloneVAppParams+xml",
  capture: "application/vnd.vmware.vcloud.captureVAppParams+xml",
};

let sim: Simulator;
let pkg: GeneratedPackage;
let author: UserSession;
let vdc: string;
let template: Entity;
let templateVm: string;
let composed: Entity;

const vms = (v: Entity) =>
  (v.Children as { Vm?: Entity[] } | undefined)?.Vm ?? [];
const items = (hrefs: string[]) =>
  hrefs.map((h) => `<SourcedItem><Source href="${h}"/></SourcedItem>`).join("");
const vappNames = async () =>
  (
    ((await author.get("/query?type=vApp&sortAsc=name")).Record as Entity[]) ??
    []
  ).map((r) => r.name);

/** POSTs a body that answers 201 with a vApp and waits for its task; returns the vApp as it ends. */
async function created(
  href: string,
  type: string,
  body: string,
): Promise<Entity> {
  const r = await author.send("POST", href, type, body);
  expect(r.status, r.body).toBe(201);
  expect(r.element).toBe("vcloud:VApp");
  const task = (r.value!.Tasks as { Task: Entity[] }).Task[0];
  expect((await author.waitFor(task)).status).toBe("success");
  return author.get(r.value!.href, "vcloud:VApp");
}

beforeAll(async () => {
  ({ sim, pkg } = await startSeeded());
  author = await sessionOf(sim, pkg, "acme-author");
  const item = (
    (await author.get("/query?type=catalogItem")).Record as Entity[]
  )[0];
  template = await author.get(item.entity as string, "vcloud:VAppTemplate");
  templateVm = vms(template)[0].href;
  vdc = ((await author.get("/query?type=orgVdc")).Record as Entity[])[0].href;
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("compose, recompose, clone, capture", () => {
  it("compose: a vApp of a template's VMs and a template VM", async () => {
    composed = await created(
      `${vdc}/action/composeVApp`,
      MT.compose,
      `<ComposeVAppParams xmlns="${VCLOUD_NS}" name="composed" deploy="false" powerOn="false"><Description>Two photons</Description>${items([template.href, templateVm])}<AllEULAsAccepted>true</AllEULAsAccepted></ComposeVAppParams>`,
    );
    expect(composed.Description).toBe("Two photons");
    expect(composed.status).toBe(8);
    expect(vms(composed)).toHaveLength(2);
    expect(new Set(vms(composed).map((v) => v.href)).size).toBe(2);
    const again = await author.send(
      "POST",
      `${vdc}/action/composeVApp`,
      MT.compose,
      `<ComposeVAppParams xmlns="${VCLOUD_NS}" name="composed"/>`,
    );
    expect(again.value!.minorErrorCode).toBe("DUPLICATE_NAME");
  });

  it("recompose: one VM added, one deleted; a running VM may not be deleted", async () => {
    const [first, second] = vms(composed);
    const body = (del: string) =>
      `<RecomposeVAppParams xmlns="${VCLOUD_NS}" name="composed">${items([templateVm])}<AllEULAsAccepted>true</AllEULAsAccepted><DeleteItem href="${del}"/></RecomposeVAppParams>`;
    await author.task("POST", `${second.href}/power/action/powerOn`);
    const refused = await author.send(
      "POST",
      `${composed.href}/action/recomposeVApp`,
      MT.recompose,
      body(second.href),
    );
    expect(refused.status).toBe(400);
    expect(refused.value!.message).toContain("must be powered off");
    await author.task("POST", `${second.href}/power/action/powerOff`);
    const task = await author.task(
      "POST",
      `${composed.href}/action/recomposeVApp`,
      MT.recompose,
      body(first.href),
    );
    expect(task.operationName).toBe("vdcRecomposeVapp");
    const after = vms(await author.get(composed.href));
    expect(after).toHaveLength(2);
    expect(after.map((v) => v.href)).not.toContain(first.href);
    expect(after.map((v) => v.href)).toContain(second.href);
  });

  it("clone: a copy beside the source, then a move that removes it", async () => {
    const copy = await created(
      `${vdc}/action/cloneVApp`,
      MT.clone,
      `<CloneVAppParams xmlns="${VCLOUD_NS}" name="copy"><Description>A copy</Description><Source href="${composed.href}"/><IsSourceDelete>false</IsSourceDelete></CloneVAppParams>`,
    );
    expect(vms(copy)).toHaveLength(2);
    expect(
      vms(copy)
        .map((v) => v.name)
        .sort(),
    ).toEqual(
      vms(await author.get(composed.href))
        .map((v) => v.name)
        .sort(),
    );
    expect(await vappNames()).toEqual(["composed", "copy"]);
    await created(
      `${vdc}/action/cloneVApp`,
      MT.clone,
      `<CloneVAppParams xmlns="${VCLOUD_NS}" name="moved"><Source href="${copy.href}"/><IsSourceDelete>true</IsSourceDelete></CloneVAppParams>`,
    );
    expect(await vappNames()).toEqual(["composed", "moved"]);
    expect((await author.send("GET", copy.href)).status).toBe(403);
  });

  it("capture to a catalog: a new item whose template instantiates; a running vApp is refused", async () => {
    const catalog = (
      (await author.get("/query?type=catalog")).Record as Entity[]
    )[0].href;
    const body = `<CaptureVAppParams xmlns="${VCLOUD_NS}" name="captured"><Description>From composed</Description><Source href="${composed.href}"/></CaptureVAppParams>`;
    await author.task("POST", `${composed.href}/power/action/powerOn`);
    expect(
      (
        await author.send(
          "POST",
          `${catalog}/action/captureVApp`,
          MT.capture,
          body,
        )
      ).status,
    ).toBe(400);
    await author.task("POST", `${composed.href}/power/action/powerOff`);
    const task = await author.task(
      "POST",
      `${catalog}/action/captureVApp`,
      MT.capture,
      body,
    );
    expect(task.status).toBe("success");
    expect(task.operationName).toBe("vdcCaptureTemplate");
    const listed = (
      await author.get(`/query?type=catalogItem&filter=name==captured`)
    ).Record as Entity[];
    expect(listed).toHaveLength(1);
    const captured = await author.get(
      listed[0].entity as string,
      "vcloud:VAppTemplate",
    );
    expect(captured.Description).toBe("From composed");
    expect(vms(captured)).toHaveLength(2);
    const r = await author.send(
      "POST",
      `${vdc}/action/instantiateVAppTemplate`,
      INSTANTIATE_TYPE,
      instantiateBody("from-captured", captured.href),
    );
    expect(r.status, r.body).toBe(201);
    await author.waitFor((r.value!.Tasks as { Task: Entity[] }).Task[0]);
    expect(vms(await author.get(r.value!.href))).toHaveLength(2);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
