/**
 * Every operation of the input is routed by the simulator: the operations counted in the operations
 * document itself (read with JSON.parse here) are exactly the rows its router answers, each path
 * (parameters filled in) leading back to its own row; and over HTTP no operation meets the
 * router's 404 or 405.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readSchemaSetConfig } from "../../generator/config/schema-set-config.js";
import type { OperationInfo } from "../../runtime/client/operation.js";
import type { Simulator } from "../../simulator/binding.js";
import { Router } from "../../simulator/router.js";
import { loadClientPackage } from "../helpers/generated-packages.js";
import { VCD_API_DIR } from "../helpers/vcd-inputs.js";

let operations: readonly OperationInfo[];
let sim: Simulator;

beforeAll(async () => {
  const pkg = await loadClientPackage("30.0");
  operations = pkg.operations;
  sim = await pkg.startSimulator({ schemaDir: join(VCD_API_DIR, "xsd") });
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

/** The path with each parameter filled by a value no literal segment has (a schema file: a real one). */
const filled = (op: OperationInfo) =>
  op.path.replace(/\{([^}]+)\}/g, (_, name: string) =>
    name === "schemaFileName" ? "master.xsd" : `x-${name}-1`,
  );

describe("routing", () => {
  it("answers every operation of the operations document, each path by its own row", () => {
    const file = join(
      VCD_API_DIR,
      readSchemaSetConfig().operations!.replace("{version}", "30.0"),
    );
    const doc = JSON.parse(readFileSync(file, "utf8")) as {
      paths: Record<string, object>;
    };
    const listed = Object.values(doc.paths).flatMap((item) =>
      Object.keys(item).filter((k) =>
        ["get", "put", "post", "delete"].includes(k),
      ),
    ).length;
    // All of them: the relocate actions too (their RelocateParams is live where a document names it).
    expect(operations.length).toBe(listed);
    const router = new Router(operations);
    const wrong = operations.filter((op) => {
      const route = router.find(op.method, filled(op));
      return !("op" in route) || route.op !== op;
    });
    expect(wrong.map((op) => `${op.method} ${op.path}`)).toEqual([]);
  });

  it("over HTTP, no operation meets the router's 404 or 405", async () => {
    const admin = sim.users[0];
    const login = await fetch(`${sim.url}/sessions`, {
      method: "POST",
      headers: {
        accept: "application/*+xml;version=30.0",
        authorization: `Basic ${btoa(`${admin.name}@${admin.org}:${admin.password}`)}`,
      },
    });
    const token = login.headers.get("x-vmware-vcloud-access-token")!;
    expect(token).toBeTruthy();
    const missed: string[] = [];
    for (const op of operations) {
      const response = await fetch(`${sim.url}${filled(op)}`, {
        method: op.method,
        headers: {
          accept: "application/*+xml;version=30.0",
          authorization: `Bearer ${token}`,
          ...(op.requestMediaType
            ? { "content-type": op.requestMediaType }
            : {}),
        },
        body: op.requestMediaType ? "<not-a-body/>" : undefined,
        signal: AbortSignal.timeout(5_000),
      });
      const text = await response.text();
      // The router's own 404 (an entity handler's "not found" names the entity instead).
      const routerMiss =
        response.status === 404 &&
        text.includes("The requested resource was not found.");
      if (response.status === 405 || routerMiss)
        missed.push(`${op.method} ${op.path}: ${response.status}`);
    }
    expect(missed).toEqual([]);
  }, 120_000);
});
