/**
 * Operations outside the stateful core: each answers a schema-valid document of its declared
 * response type (a minimal instance; a task that succeeds where a task is declared, a vApp's own for
 * a vApp's operation, which keeps it busy until it ends), or 204, once
 * the entities its path names exist (real ids of `acme`, as the system administrator). Those naming
 * a kind of entity the simulator keeps none of (edge gateways, media, provider VDCs, ...) are
 * refused: test/reliability/tenant-sweep.test.ts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationInfo } from "../../runtime/client/operation.js";
import { HANDLERS, handlerKey } from "../../simulator/handlers/index.js";
import { SCHEMA_OPERATION_PATHS } from "../../simulator/schema-files.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import { raw } from "./helpers/http.js";
import type { Entity } from "./helpers/session.js";
import {
  pathsOf,
  startTwoTenants,
  tenantIds,
  UNKNOWN,
  type TwoTenants,
} from "./helpers/two-tenants.js";
import { expectAllValid } from "./helpers/valid-bodies.js";

let t: TwoTenants;
let pkg: GeneratedPackage;
let operations: readonly OperationInfo[];
let headers: Record<string, string>;

beforeAll(async () => {
  t = await startTwoTenants({ recordBodies: true });
  pkg = t.pkg;
  operations = t.operations;
  headers = t.sessions.administrator.headers;
}, 60_000);

afterAll(async () => {
  await t?.sim.close();
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
    let answered = 0;
    for (const op of unhandled) {
      const path = pathsOf(op, tenantIds(t.ids.acme))[0];
      if (path.includes(UNKNOWN)) continue; // a kind of entity the simulator keeps none of
      answered++;
      const r = await raw(`${t.sim.url}${path}`, {
        method: op.method,
        headers,
      });
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
      const answer = pkg.fromXml(r.body);
      const element = answer.element;
      if (!op.responses.some((s) => s.element === element))
        problems.push(`${op.method} ${op.path}: answered ${element}`);
      // A vApp's operation has the vApp's task, which keeps it busy: the next one waits for it.
      if (element === "vcloud:Task")
        await t.sessions.administrator.waitFor(answer.value as Entity);
      const type = r.headers.get("content-type") ?? "";
      if (!op.responses.some((s) => type.startsWith(s.mediaType)))
        problems.push(`${op.method} ${op.path}: Content-Type ${type}`);
    }
    expect(answered).toBeGreaterThan(100);
    expect(problems).toEqual([]);
  });

  it("sends only schema-valid bodies (package validate and libxml2)", async () => {
    await expectAllValid(pkg, t.sim.sentBodies);
  });
});
