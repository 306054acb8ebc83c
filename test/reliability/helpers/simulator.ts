/**
 * What the reliability tests start from: a simulator of the test package with the options a test
 * needs (small bounds), sessions of its seeded users, vApps instantiated for them, and raw requests
 * with node:http where fetch hides what is asserted (when the answer comes, the socket closing).
 */
import { request, type IncomingMessage } from "node:http";
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../../../simulator/index.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import { simulatorBinding } from "../../simulator/helpers/binding.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  type Entity,
} from "../../simulator/helpers/session.js";

export async function startWith(
  options: SimulatorOptions,
): Promise<{ sim: Simulator; pkg: GeneratedPackage }> {
  const loaded = await simulatorBinding();
  const sim = await startSimulator(loaded.binding, {
    taskStepMs: 1,
    ...options,
  });
  return { sim, pkg: loaded.pkg };
}

export const sessionOf = (
  sim: Simulator,
  pkg: GeneratedPackage,
  name: string,
): Promise<UserSession> =>
  UserSession.open(
    sim,
    pkg,
    sim.users.find((u) => u.name === name)!,
  );

/** Instantiates a vApp of that name from the first catalog item in the first VDC; its href once created. */
export async function newVApp(
  session: UserSession,
  name: string,
): Promise<string> {
  const item = (await session.get("/query?type=catalogItem"))
    .Record as Entity[];
  const vdc = (await session.get("/query?type=orgVdc")).Record as Entity[];
  const r = await session.send(
    "POST",
    `${vdc[0].href}/action/instantiateVAppTemplate`,
    INSTANTIATE_TYPE,
    instantiateBody(name, item[0].entity as string),
  );
  if (r.status !== 201) throw new Error(`instantiate ${name}: ${r.body}`);
  const task = await session.waitFor(
    (r.value!.Tasks as { Task: Entity[] }).Task[0],
  );
  if (task.status !== "success") throw new Error(`instantiate ${name} failed`);
  return r.value!.href;
}

export interface RawAnswer {
  readonly status: number;
  readonly headers: IncomingMessage["headers"];
  readonly body: string;
}

/** The answer of a request already written (or being written) on `req`, within `ms`. */
export function answerOf(
  req: ReturnType<typeof request>,
  ms = 10_000,
): Promise<RawAnswer> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      req.destroy();
      reject(new Error(`no answer within ${ms} ms`));
    }, ms);
    req.on("response", (res) => {
      const chunks: Buffer[] = [];
      res.on("data", (c: Buffer) => chunks.push(c));
      res.on("end", () => {
        clearTimeout(timer);
        resolve({
          status: res.statusCode ?? 0,
          headers: res.headers,
          body: Buffer.concat(chunks).toString("utf8"),
        });
      });
      res.on("error", reject);
    });
    req.on("error", (error) => {
      clearTimeout(timer);
      reject(error);
    });
  });
}

/** The vCD `Error` document answered, read with the package. */
export function errorOf(
  pkg: GeneratedPackage,
  body: string,
): { major: number; minor: string; message: string } {
  const doc = pkg.fromXml(body);
  if (doc.element !== "vcloud:Error")
    throw new Error(`not an Error document: ${body.slice(0, 300)}`);
  const v = doc.value as {
    majorErrorCode: number;
    minorErrorCode: string;
    message: string;
  };
  return {
    major: v.majorErrorCode,
    minor: v.minorErrorCode,
    message: v.message,
  };
}
