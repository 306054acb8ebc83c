/** Seeds: from a JSON file, and reset() back to it (sessions, tasks and created entities gone). */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  defaultSeed,
  startSimulator,
  type SeedData,
  type Simulator,
} from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { simulatorBinding } from "./helpers/binding.js";
import { login, raw } from "./helpers/http.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let dir: string;

beforeAll(async () => {
  const loaded = await simulatorBinding();
  pkg = loaded.pkg;
  dir = mkdtempSync(join(tmpdir(), "vcd-sim-seed-"));
  const seed: SeedData = {
    orgs: [
      defaultSeed.orgs[0],
      {
        name: "initech",
        fullName: "Initech",
        users: [
          { name: "bill", password: "tps", role: "Organization Administrator" },
        ],
        vdcs: [{ name: "initech-vdc" }],
      },
    ],
  };
  const file = join(dir, "seed.json");
  writeFileSync(file, JSON.stringify(seed));
  sim = await startSimulator(loaded.binding, {
    seed: file,
    taskStepMs: 5,
    recordBodies: true,
  });
}, 60_000);

afterAll(async () => {
  await sim?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("simulator seeds", () => {
  it("starts from a JSON file: its users, its organizations", async () => {
    expect(sim.users.map((u) => `${u.name}@${u.org}`)).toEqual([
      "administrator@System",
      "bill@initech",
    ]);
    const headers = await login(sim.url, sim.users[1]);
    const list = pkg.fromXml((await raw(`${sim.url}/org`, { headers })).body)
      .value as { Org: { name: string }[] };
    expect(list.Org.map((o) => o.name)).toEqual(["initech"]);
  });

  it("reset() ends every session and gives the same ids again", async () => {
    const headers = await login(sim.url, sim.users[1]);
    const before = (await raw(`${sim.url}/org`, { headers })).body;
    sim.reset();
    expect((await raw(`${sim.url}/org`, { headers })).status).toBe(401);
    const again = await login(sim.url, sim.users[1]);
    expect((await raw(`${sim.url}/org`, { headers: again })).body).toBe(before);
  });

  it("sends only schema-valid bodies", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
