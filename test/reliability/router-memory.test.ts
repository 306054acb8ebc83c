/**
 * The router keeps nothing a client sends: finding a route for thousands of unique paths (unknown
 * ones, and 15 KB ids under a known template, as an unauthenticated client sends them) leaves its
 * memo empty; only the answers links ask about (`has`) are remembered.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { Router } from "../../simulator/router.js";
import { simulatorBinding } from "../simulator/helpers/binding.js";

let router: Router;

beforeAll(async () => {
  router = new Router((await simulatorBinding()).binding.operations);
}, 60_000);

describe("the router's memory", () => {
  it("remembers no route it was asked to find", () => {
    const id = "x".repeat(15 * 1024);
    for (let i = 0; i < 2000; i++) {
      expect("kind" in router.find("GET", `/unknown/${i}/${id}`)).toBe(true);
      const found = router.find("GET", `/vApp/vapp-${i}${id}`);
      expect("op" in found && found.params.id).toBe(`vapp-${i}${id}`);
    }
    expect(router.remembered).toBe(0);
  });

  it("remembers what links ask (has), and answers it the same", () => {
    expect(router.has("GET", "/vApp/vapp-1")).toBe(true);
    expect(router.has("POST", "/vApp/vapp-1")).toBe(false);
    expect(router.remembered).toBe(2);
    expect(router.has("GET", "/vApp/vapp-1")).toBe(true);
    expect(router.remembered).toBe(2);
  });
});
