/**
 * The response cache is bounded in bytes, not only in entries: answers of 1 MiB each keep at most
 * 32 MiB of them (the oldest go first), and an answer larger than the budget is not kept at all.
 */
import { describe, expect, it } from "vitest";
import type { Rendered } from "../../simulator/render.js";
import { ResponseCache } from "../../simulator/response-cache.js";

const MiB = 1024 * 1024;

const answer = (bytes: number): Rendered => ({
  status: 200,
  headers: {},
  body: Buffer.alloc(bytes, 0x61),
});

const key = (i: number) =>
  ResponseCache.key("user", "30.0", `/vApp/vapp-${i}`, "");

describe("the response cache's byte budget", () => {
  it("keeps at most 32 MiB of 1 MiB answers, the newest", () => {
    const cache = new ResponseCache();
    for (let i = 0; i < 100; i++) cache.set(key(i), 7, answer(MiB));
    const kept = Array.from({ length: 100 }, (_, i) => i).filter(
      (i) => cache.get(key(i), 7) !== undefined,
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length).toBeLessThanOrEqual(32);
    // The newest are the ones kept.
    expect(kept).toEqual(
      Array.from({ length: kept.length }, (_, i) => 100 - kept.length + i),
    );
  });

  it("does not keep an answer larger than the budget, and stays within a small one", () => {
    const cache = new ResponseCache(10_000);
    cache.set(key(0), 1, answer(20_000));
    expect(cache.get(key(0), 1)).toBeUndefined();
    for (let i = 1; i <= 50; i++) cache.set(key(i), 1, answer(1000));
    const kept = Array.from({ length: 50 }, (_, i) => i + 1).filter(
      (i) => cache.get(key(i), 1) !== undefined,
    );
    expect(kept.length).toBeGreaterThan(0);
    expect(kept.length * 1000).toBeLessThanOrEqual(10_000);
    // Replacing an entry does not count it twice.
    const fresh = new ResponseCache(10_000);
    for (let i = 0; i < 50; i++) fresh.set(key(1), i, answer(1000));
    expect(fresh.get(key(1), 49)).toBeDefined();
    expect(fresh.bytes).toBeLessThan(2000);
  });
});
