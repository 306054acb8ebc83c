import { defineConfig } from "vitest/config";

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Two files at a time on the 2-core machine (vitest's default there is one: cores - 1); the
    // longest, every-version, runs beside the rest.
    maxWorkers: 2,
  },
});
