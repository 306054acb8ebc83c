import { BaseSequencer, type TestSpecification } from "vitest/node";
import { defineConfig } from "vitest/config";

/**
 * The files that take longest (every version generated, compiled and fuzzed; the CLI's whole
 * package; the packed tarball installed) start first, whether or not vitest has timings of an
 * earlier run (a fresh clone has none, and would start them last, with one worker left idle).
 */
const LONGEST = [
  "test/every-version/every-version.test.ts",
  "test/cli/generate.test.ts",
  "test/packaging/pack-install.test.ts",
];

class LongestFirst extends BaseSequencer {
  override async sort(
    files: TestSpecification[],
  ): Promise<TestSpecification[]> {
    const sorted = await super.sort(files);
    const rank = (spec: TestSpecification) => {
      const at = LONGEST.findIndex((path) => spec.moduleId.endsWith(path));
      return at < 0 ? LONGEST.length : at;
    };
    return sorted
      .map((spec, i) => ({ spec, i }))
      .sort((a, b) => rank(a.spec) - rank(b.spec) || a.i - b.i)
      .map(({ spec }) => spec);
  }
}

export default defineConfig({
  test: {
    include: ["test/**/*.test.ts"],
    globalSetup: ["test/global-setup.ts"],
    testTimeout: 120_000,
    hookTimeout: 300_000,
    pool: "forks",
    // Two files at a time on the 2-core machine (vitest's default there is one: cores - 1).
    maxWorkers: 2,
    sequence: { sequencer: LongestFirst },
  },
});
