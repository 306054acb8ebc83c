/**
 * The client's own overhead per call, on a loopback `node:http` server answering fixed bytes (in a
 * child process): a generated stub against a bare `fetch` of the same request plus `fromXml` of the
 * same answer. GET: `getVApp` of a 24 KB VApp; PUT: `updateVAppGuestCustomizationSection`
 * (build, validate, write, send, read the Task answer) against `fetch` with the same body written
 * beforehand. Sequential calls after a warm-up; batches of both alternate, and the ratio is the
 * median of the batch pairs' ratios.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import type { ResolvedOptions } from "../generator/config/options.js";
import { startFixedServer } from "./fixed-server.js";
import { loadApi, loadPackage } from "./generated-package.js";
import { checkTarget, median } from "./targets.js";
import { samplesDir, VAPP_SAMPLE } from "./xml-throughput.js";

const GCS_GET =
  "libcloud-vcloud_1_5/get_api_vApp_vm_dd75d1d3_5b7b_48f0_aff3_69622ab7e045_guestCustomizationSection.xml";
const GCS_PUT_TASK =
  "libcloud-vcloud_1_5/put_api_vApp_vm_dd75d1d3_5b7b_48f0_aff3_69622ab7e045_guestCustomizationSection.xml";
/** Batch pairs per comparison (each batch about 150 ms). */
const BATCHES = 15;
const ACCEPT = "application/*+xml;version=30.0";
const TOKEN = "bench-token";
const VAPP_MT = "application/vnd.vmware.vcloud.vApp+xml";
const TASK_MT = "application/vnd.vmware.vcloud.task+xml";
const GCS_MT = "application/vnd.vmware.vcloud.guestCustomizationSection+xml";

type Call = () => Promise<unknown>;

interface Pair {
  readonly clientSeconds: number;
  readonly bareSeconds: number;
  /** The median of the batch pairs' differences (client - bare). */
  readonly addedSeconds: number;
  /** The median of the batch pairs' ratios (client / bare). */
  readonly ratio: number;
  readonly calls: number;
  readonly batches: number;
}

async function timeCalls(call: Call, calls: number): Promise<number> {
  const start = performance.now();
  for (let i = 0; i < calls; i++) await call();
  return (performance.now() - start) / 1000 / calls;
}

/** Warms both up (1 s each), then alternates batches of `client` and `bare` of about 150 ms each. */
async function comparePair(
  client: Call,
  bare: Call,
  batches: number,
): Promise<Pair> {
  for (const call of [client, bare, client, bare]) {
    const start = performance.now();
    while (performance.now() - start < 500) await call();
  }
  const calls = Math.max(50, Math.round(0.15 / (await timeCalls(bare, 50))));
  const clientTimes: number[] = [];
  const bareTimes: number[] = [];
  const ratios: number[] = [];
  const added: number[] = [];
  for (let b = 0; b < batches; b++) {
    let c: number;
    let r: number;
    if (b % 2 === 0) {
      c = await timeCalls(client, calls);
      r = await timeCalls(bare, calls);
    } else {
      r = await timeCalls(bare, calls);
      c = await timeCalls(client, calls);
    }
    clientTimes.push(c);
    bareTimes.push(r);
    ratios.push(c / r);
    added.push(c - r);
  }
  return {
    clientSeconds: median(clientTimes),
    bareSeconds: median(bareTimes),
    addedSeconds: median(added),
    ratio: median(ratios),
    calls,
    batches,
  };
}

export async function benchClientOverhead(
  options: ResolvedOptions,
  packageDir: string,
): Promise<string[]> {
  const pkg = await loadPackage(packageDir);
  const api = await loadApi(packageDir);
  const read = (file: string) =>
    readFileSync(join(samplesDir(options), file), "utf8");
  const vappXml = read(VAPP_SAMPLE);
  const taskXml = read(GCS_PUT_TASK);
  const section = pkg.fromXml(read(GCS_GET));
  const server = await startFixedServer({
    GET: {
      status: 200,
      headers: { "Content-Type": `${VAPP_MT};version=30.0` },
      body: vappXml,
    },
    PUT: {
      status: 202,
      headers: { "Content-Type": `${TASK_MT};version=30.0` },
      body: taskXml,
    },
  });
  try {
    const baseUrl = `${server.origin}/api`;
    const client = pkg.createClient({ baseUrl });
    client.resume(TOKEN);
    const vappId = "vapp-8c57a5b6-e61b-48ca-8a78-3b70ee65ef6a";
    const vmId = "vm-dd75d1d3-5b7b-48f0-aff3-69622ab7e045";
    const getUrl = `${baseUrl}/vApp/${vappId}`;
    const putUrl = `${baseUrl}/vApp/${vmId}/guestCustomizationSection`;
    const getHeaders = { accept: ACCEPT, authorization: `Bearer ${TOKEN}` };
    const putHeaders = { ...getHeaders, "content-type": GCS_MT };
    const written = pkg.toXml(section);

    // Both sides must do the same work: check once that they read the same documents.
    const viaClient = await api.getVApp(client, { id: vappId });
    const bareGet = async () => {
      const res = await fetch(getUrl, { headers: getHeaders });
      return pkg.fromXml(await res.text());
    };
    const barePut = async () => {
      const res = await fetch(putUrl, {
        method: "PUT",
        headers: putHeaders,
        body: written,
      });
      return pkg.fromXml(await res.text());
    };
    const put = await api.updateVAppGuestCustomizationSection(
      client,
      { id: vmId },
      section.value as object,
    );
    if (
      viaClient.element !== "vcloud:VApp" ||
      (await bareGet()).element !== "vcloud:VApp" ||
      put.status !== 202 ||
      put.element !== "vcloud:Task" ||
      (await barePut()).element !== "vcloud:Task"
    )
      throw new Error(
        "client overhead: the answers are not what they should be",
      );

    // The transport's way of calling fetch (a Request, an AbortSignal for the deadline), bare.
    const viaRequest = (url: string, init: RequestInit) => async () => {
      const controller = new AbortController();
      const timer = setTimeout(() => controller.abort(), 60_000);
      try {
        const request = new Request(url, {
          ...init,
          signal: controller.signal,
        });
        const res = await fetch(request, { signal: controller.signal });
        return pkg.fromXml(await res.text());
      } finally {
        clearTimeout(timer);
      }
    };
    const get = await comparePair(
      () => api.getVApp(client, { id: vappId }),
      bareGet,
      BATCHES,
    );
    const update = await comparePair(
      () =>
        api.updateVAppGuestCustomizationSection(
          client,
          { id: vmId },
          section.value as object,
        ),
      barePut,
      BATCHES,
    );
    const getRequestShaped = await comparePair(
      viaRequest(getUrl, { headers: getHeaders }),
      bareGet,
      BATCHES,
    );
    const putRequestShaped = await comparePair(
      viaRequest(putUrl, { method: "PUT", headers: putHeaders, body: written }),
      barePut,
      BATCHES,
    );
    let encodeSeconds = 0;
    {
      const rounds: number[] = [];
      for (let b = 0; b < 5; b++) {
        const start = performance.now();
        for (let i = 0; i < 2000; i++) {
          pkg.validate(section);
          pkg.toXml(section);
        }
        rounds.push((performance.now() - start) / 1000 / 2000);
      }
      encodeSeconds = median(rounds);
    }
    const us = (s: number) => `${(s * 1e6).toFixed(0)} µs`;
    const signed = (s: number) => `${s < 0 ? "-" : "+"}${us(Math.abs(s))}`;
    const row = (name: string, pair: Pair, limit: number) => {
      const verdict = checkTarget(
        `client overhead: ${name} (stub / bare)`,
        pair.ratio,
        "<=",
        1 + limit,
        (n) => `${n.toFixed(3)}x`,
      );
      return (
        `${name.padEnd(40)} ${us(pair.clientSeconds).padStart(8)} ${us(pair.bareSeconds).padStart(8)} ` +
        `${signed(pair.addedSeconds).padStart(9)}  ${pair.ratio.toFixed(3)}x  ` +
        `target <= ${(1 + limit).toFixed(2)}x (+${(limit * 100).toFixed(0)}%): ${verdict}   (${pair.batches} batches of ${pair.calls} calls)`
      );
    };
    return [
      "## Client overhead per call (loopback node:http server in a child process answering fixed bytes; sequential calls; medians)",
      `${"call".padEnd(40)} ${"stub".padStart(8)} ${"bare".padStart(8)} ${"added".padStart(9)}  ratio`,
      row(
        `GET VApp ${(vappXml.length / 1024).toFixed(1)} KB: getVApp`,
        get,
        0.1,
      ),
      row(
        `PUT GuestCustomizationSection ${(written.length / 1024).toFixed(1)} KB`,
        update,
        0.2,
      ),
      `where the time goes: validate + toXml of the section ${us(encodeSeconds)} per call; the same bare calls sent as the transport sends them ` +
        `(new Request with an AbortSignal and a 60 s timer, then fetch(request, { signal })): ` +
        `GET ${signed(getRequestShaped.addedSeconds)} (${getRequestShaped.ratio.toFixed(3)}x), ` +
        `PUT ${signed(putRequestShaped.addedSeconds)} (${putRequestShaped.ratio.toFixed(3)}x) over fetch(url, init)`,
      "bare: fetch of the same request (same URL and headers; for the PUT the same body, written beforehand) + res.text() + fromXml of the answer;",
      "stub: the generated stub through createClient (URL, headers, validate + toXml of the body, Request, deadline, fetch, media type and root checks, fromXml).",
    ];
  } finally {
    await server.close();
  }
}
