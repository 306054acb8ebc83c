/**
 * A hostile query filter cannot freeze the simulator: wildcards that a backtracking matcher takes
 * minutes over (`*a*a*a*a*a*a*a*a*a*a*b` against a name of 40 `a`) answer at once and right, while
 * other clients keep being served; 5,000 nested parentheses are a 400 Error, not a 500 (a stack
 * overflow), and nesting up to the limit still works.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Simulator } from "../../simulator/index.js";
import type { GeneratedPackage } from "../helpers/generated-packages.js";
import type { UserSession } from "../simulator/helpers/session.js";
import { errorOf, newVApp, sessionOf, startWith } from "./helpers/simulator.js";

let sim: Simulator;
let pkg: GeneratedPackage;
let admin: UserSession;
const LONG = "a".repeat(40);

beforeAll(async () => {
  ({ sim, pkg } = await startWith({}));
  admin = await sessionOf(sim, pkg, "acme-admin");
  await newVApp(admin, LONG);
  await newVApp(admin, `${LONG}b`);
}, 60_000);

afterAll(async () => {
  await sim?.close();
});

const names = async (filter: string) => {
  const r = await admin.send(
    "GET",
    `/query?type=vApp&filter=${encodeURIComponent(filter)}`,
  );
  expect(r.status, r.body).toBe(200);
  return ((r.value!.Record ?? []) as { name: string }[])
    .map((x) => x.name)
    .sort();
};

describe("the query filter under hostile input", () => {
  it("matches many wildcards in time linear in the value, with the right answers", async () => {
    const started = performance.now();
    const hostile = names("name==*a*a*a*a*a*a*a*a*a*a*b");
    // Another client is served meanwhile (the event loop is not held).
    const other = admin.send("GET", "/query?type=vApp&filter=name==x*");
    expect(await hostile).toEqual([`${LONG}b`]);
    expect((await other).status).toBe(200);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(await names(`name==${LONG}`)).toEqual([LONG]);
    expect(await names("name==A*B")).toEqual([`${LONG}b`]);
    expect(await names("name==*ab")).toEqual([`${LONG}b`]);
    expect(await names("name==a*a")).toEqual([LONG]);
    expect(await names(`name==${LONG}*b*`)).toEqual([`${LONG}b`]);
    expect(await names(`name==*${LONG}a*`)).toEqual([]);
    expect(await names("name==*b*a")).toEqual([]);
    expect(await names(`name!=*b`)).toContain(LONG);
  });

  it("answers 5,000 nested parentheses with a 400 Error naming the limit, and reads nesting up to it", async () => {
    const filter = `${"(".repeat(5000)}name==x${")".repeat(5000)}`;
    const r = await admin.send(
      "GET",
      `/query?type=vApp&filter=${encodeURIComponent(filter)}`,
    );
    expect(r.status, r.body.slice(0, 300)).toBe(400);
    const error = errorOf(pkg, r.body);
    expect(error.minor).toBe("BAD_REQUEST");
    expect(error.message).toContain("nested deeper than 100");
    // Nesting up to the limit still reads.
    const deepest = `${"(".repeat(100)}name==${LONG}${")".repeat(100)}`;
    expect(await names(deepest)).toEqual([LONG]);
  });
});
