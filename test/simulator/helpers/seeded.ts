/**
 * What the stateful tests start from: a simulator of the test package over its default seed,
 * recording bodies (unless options say otherwise) and running tasks in 1 ms steps; sessions of its seeded users by name; a vApp
 * instantiated from the first catalog item in the first VDC.
 */
import { expect } from "vitest";
import {
  startSimulator,
  type Simulator,
  type SimulatorOptions,
} from "../../../simulator/index.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import { simulatorBinding } from "./binding.js";
import {
  INSTANTIATE_TYPE,
  instantiateBody,
  UserSession,
  type Entity,
  type Sent,
} from "./session.js";

export async function startSeeded(
  options: SimulatorOptions = { recordBodies: true },
): Promise<{
  sim: Simulator;
  pkg: GeneratedPackage;
}> {
  const loaded = await simulatorBinding();
  const sim = await startSimulator(loaded.binding, {
    taskStepMs: 1,
    ...options,
  });
  return { sim, pkg: loaded.pkg };
}

/** A session of the seeded user of that name (`acme-admin`). */
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

/** Instantiates the first catalog item in the first VDC the user sees (201), once its task is done. */
export async function instantiateFirst(
  session: UserSession,
  name: string,
): Promise<Sent> {
  const item = (await session.get("/query?type=catalogItem"))
    .Record as Entity[];
  const vdc = (await session.get("/query?type=orgVdc")).Record as Entity[];
  const r = await session.send(
    "POST",
    `${vdc[0].href}/action/instantiateVAppTemplate`,
    INSTANTIATE_TYPE,
    instantiateBody(name, item[0].entity as string),
  );
  expect(r.status, r.body).toBe(201);
  const task = await session.waitFor(
    (r.value!.Tasks as { Task: Entity[] }).Task[0],
  );
  expect(task.status, `instantiate ${name}`).toBe("success");
  return r;
}
