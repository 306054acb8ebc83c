/**
 * Operations outside the stateful core: each answers a schema-valid document of its declared
 * response type (a minimal instance; a task that succeeds where a task is declared), or 204.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationInfo } from "../../runtime/client/operation.js";
import {
  startSimulator,
  type Simulator,
} from "../../simulator/index.js";
import {
  HANDLERS,
  handlerKey,
} from "../../simulator/handlers/index.js";
import { SCHEMA_OPERATION_PATHS } from "../../simulator/schema-files.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { simulatorBinding } from "./helpers/binding.js";
import { login, raw } from "./helpers/http.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let operations: readonly OperationInfo[];
let headers: Record<string, string>;

beforeAll(async () => {
  const loaded = await simulatorBinding();
  pkg = loaded.pkg;
  operations = loaded.binding.operations;
  sim = await startSimulator(loaded.binding, {
    taskStepMs: 5,
    recordBodies: true,
  });
  headers = await login(sim.url, sim.users[0]);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

describe("operations outside the stateful core", () => {
  it("answer a document of the declared type, or 204, for every operation without a body", async () => {
    const unhandled = operations.filter(
      (op) =>
        op.requestBodies.length === 0 &&
        op.auth === "bearer" &&
        !HANDLERS[handlerKey(op.method, op.path)] &&
        op.path !== "/versions" &&
        !SCHEMA_OPERATION_PATHS.includes(op.path),
    );
    expect(unhandled.length).toBeGreaterThan(100);
    const problems: string[] = [];
    for (const op of unhandled) {
      const path = op.path.replace(
        /\{[^}]+\}/g,
        "00000000-0000-4000-8000-000000000000",
      );
      const r = await raw(`${sim.url}${path}`, { method: op.method, headers });
      if (op.responses.length === 0) {
        if (r.status !== 204)
          problems.push(`${op.method} ${op.path}: ${r.status}`);
        continue;
      }
      if (r.status >= 300) {
        problems.push(
          `${op.method} ${op.path}: ${r.status} ${r.body.slice(0, 300)}`,
        );
        continue;
      }
      const element = pkg.fromXml(r.body).element;
      if (!op.responses.some((s) => s.element === element))
        problems.push(`${op.method} ${op.path}: answered ${element}`);
      const type = r.headers.get("content-type") ?? "";
      if (!op.responses.some((s) => type.startsWith(s.mediaType)))
        problems.push(`${op.method} ${op.path}: Content-Type ${type}`);
    }
    expect(problems).toEqual([]);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, sim.sentBodies);
  });
});
