/**
 * Property-based, over every operation: a real HTTP server on 127.0.0.1 records what the stub sends
 * (method, path with its parameters filled in and escaped, query string, Accept, auth header,
 * Content-Type, body), libxml2 finds every body valid against the XSD set, and the server answers
 * with a random valid document of a type the operation may return, which the stub gives back
 * typed and deep-equal.
 */
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { OperationInfo } from "../../runtime/client/operation.js";
import type { VcdClient } from "../../runtime/client/client.js";
import { SchemaArbitraries } from "../helpers/arbitraries.js";
import {
  loadClientPackage,
  loadPackage,
  type ClientPackage,
  type GeneratedPackage,
} from "../helpers/generated-packages.js";
import {
  startHttpServer,
  type TestHttpServer,
} from "../helpers/http-server.js";
import { validateWithLibxml2 } from "../helpers/libxml2.js";
import { comparable } from "../helpers/xml-content.js";

const SEED = Number(process.env.VCD_FUZZ_SEED ?? 20261201);
const RUNS = Number(process.env.VCD_STUB_RUNS ?? 2);
const TOKEN = "token-1";

let pkg: GeneratedPackage;
let client: ClientPackage;
let arbitraries: SchemaArbitraries;
let server: TestHttpServer;
let vcd: VcdClient;
let roots: string[];

beforeAll(async () => {
  pkg = await loadPackage("30.0");
  client = await loadClientPackage("30.0");
  arbitraries = new SchemaArbitraries(pkg.schema, 2);
  roots = pkg.elements.filter((e) => !e.abstract).map((e) => e.element);
  server = await startHttpServer();
  vcd = client.createClient({ baseUrl: `${server.url}/api`, timeout: 10_000 });
  vcd.resume(TOKEN, "bearer");
});

afterAll(() => server.close());

/** A path parameter's value: any text but `.` and `..`, often with characters that must be escaped. */
const segment = fc
  .oneof(
    fc.string({ minLength: 1, maxLength: 12 }),
    fc.constantFrom("vapp-1", "a b", "x/y", "q?r#s", "100%", "ü€"),
  )
  .filter((s) => s !== "." && s !== "..");

const queryValue = fc.oneof(
  fc.string({ maxLength: 8 }),
  fc.integer({ min: -5, max: 1000 }),
  fc.boolean(),
);

interface Plan {
  readonly params: Record<string, string>;
  readonly query: Record<string, string | number | boolean>;
  readonly body?: { element: string; value: unknown };
  /** The answer: a document of a shape the operation declares (or any, for an open one), or none. */
  readonly answer?: { element: string; value: unknown; mediaType: string };
}

function planFor(op: OperationInfo): fc.Arbitrary<Plan> {
  const params = fc.record(
    Object.fromEntries(op.pathParameters.map((p) => [p, segment])),
  );
  const query = fc.record(
    Object.fromEntries(op.queryParameters.map((q) => [q.name, queryValue])),
    { requiredKeys: [] },
  );
  const body = op.requestBodies.length
    ? fc
        .constantFrom(...op.requestBodies)
        .chain((shape) => arbitraries.document(shape.element))
    : fc.constant(undefined);
  const answer = op.responses.length
    ? fc
        .constantFrom(...op.responses)
        .chain((shape) =>
          arbitraries
            .document(shape.element)
            .map((doc) => ({ ...doc, mediaType: shape.mediaType })),
        )
    : fc.option(
        fc.constantFrom(...roots).chain((element) =>
          arbitraries.document(element).map((doc) => ({
            ...doc,
            mediaType: "application/vnd.vmware.vcloud.any+xml",
          })),
        ),
        { nil: undefined },
      );
  return fc.record({ params, query, body, answer }) as fc.Arbitrary<Plan>;
}

function expectedPath(
  op: OperationInfo,
  params: Record<string, string>,
): string {
  return `/api${op.path.replace(/\{([^}]+)\}/g, (_, name: string) => encodeURIComponent(params[name]))}`;
}

describe("every stub over HTTP", () => {
  it("sends what the operation says, only valid bodies, and gives back what the server answered", async () => {
    const bodies: { name: string; xml: string }[] = [];
    let calls = 0;
    for (const op of client.operations) {
      const stub = client.api[op.name];
      await fc.assert(
        fc.asyncProperty(planFor(op), async (plan) => {
          server.reset();
          const answerXml = plan.answer ? pkg.toXml(plan.answer) : undefined;
          server.fallback(
            answerXml
              ? {
                  status: 200,
                  headers: { "content-type": plan.answer!.mediaType },
                  body: answerXml,
                }
              : { status: 204 },
          );
          const single =
            new Set(op.requestBodies.map((b) => b.element)).size === 1;
          const args: unknown[] = [vcd, plan.params];
          if (plan.body) args.push(single ? plan.body.value : plan.body);
          args.push({ query: plan.query });
          const reply = await stub(...(args as [unknown, unknown]));
          calls++;
          expect(server.requests).toHaveLength(1);
          const sent = server.requests[0];
          expect(sent.method).toBe(op.method);
          expect(sent.path).toBe(expectedPath(op, plan.params));
          expect(Object.fromEntries(sent.query)).toEqual(
            Object.fromEntries(
              Object.entries(plan.query).map(([k, v]) => [k, String(v)]),
            ),
          );
          expect(sent.headers.accept).toBe("application/*+xml;version=30.0");
          // The login operations (basic) are client.login's: their stubs send no token.
          expect(sent.headers.authorization).toBe(
            op.auth === "bearer" ? `Bearer ${TOKEN}` : undefined,
          );
          if (plan.body) {
            const shape = op.requestBodies.find(
              (b) => b.element === plan.body!.element,
            )!;
            expect(sent.headers["content-type"]).toBe(shape.mediaType);
            expect(comparable(pkg.fromXml(sent.body))).toEqual(
              comparable(plan.body),
            );
            bodies.push({
              name: `${op.name}-${bodies.length}.xml`,
              xml: sent.body,
            });
          } else {
            expect(sent.headers["content-type"]).toBeUndefined();
            expect(sent.body).toBe("");
          }
          if (plan.answer) {
            expect(reply.status).toBe(200);
            expect(reply.element).toBe(plan.answer.element);
            expect(comparable(reply.value)).toEqual(
              comparable(plan.answer.value),
            );
          } else {
            expect(reply).toMatchObject({
              status: 204,
              element: null,
              value: undefined,
            });
          }
        }),
        { numRuns: RUNS, seed: SEED, endOnFailure: true },
      );
    }
    console.log(
      `stubs over HTTP: ${calls} calls over ${client.operations.length} operations, ${bodies.length} bodies`,
    );
    expect(calls).toBe(client.operations.length * RUNS);
    expect(bodies.length).toBeGreaterThan(150);
    const verdicts = await validateWithLibxml2(bodies);
    const invalid = bodies
      .filter((b) => !verdicts.get(b.name)!.valid)
      .map((b) => ({ name: b.name, error: verdicts.get(b.name)!.errors[0] }));
    expect(invalid.slice(0, 5)).toEqual([]);
  });
});
