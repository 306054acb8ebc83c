/** Every body a simulator sent: valid for the package's `validate` and for libxml2. */
import { expect } from "vitest";
import type { SentBody } from "../../../simulator/index.js";
import type { GeneratedPackage } from "../../helpers/generated-packages.js";
import { validateWithLibxml2 } from "../../helpers/libxml2.js";

export async function expectAllValid(
  pkg: GeneratedPackage,
  sent: readonly SentBody[],
  /** The input folder of the package's schema set (default the 30.0 set). */
  inputDir?: string,
): Promise<void> {
  expect(sent.length).toBeGreaterThan(0);
  const problems: string[] = [];
  for (const s of sent) {
    const violations = pkg.validate(pkg.fromXml(s.body));
    if (violations.length)
      problems.push(
        `${s.method} ${s.path}: ${violations.map((v) => v.message).join("; ")}`,
      );
  }
  const oracle = await validateWithLibxml2(
    sent.map((s, i) => ({ name: `body-${i}.xml`, xml: s.body })),
    inputDir,
  );
  sent.forEach((s, i) => {
    const result = oracle.get(`body-${i}.xml`)!;
    if (!result.valid)
      problems.push(
        `libxml2: ${s.method} ${s.path} (${s.status}): ${result.errors.join("; ")}`,
      );
  });
  expect(problems).toEqual([]);
}
