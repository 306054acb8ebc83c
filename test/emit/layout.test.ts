/** The printer lays declarations out as prettier does: checked against prettier itself on random input. */
import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  interfaceHead,
  literal,
  stringLiteral,
  typeAlias,
  type Literal,
} from "../../generator/emit/print/layout.js";

const format = (text: string) =>
  prettier.format(text, { parser: "typescript" });

const identifier = fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/);
const text = fc.string({ maxLength: 50 });
const scalar: fc.Arbitrary<Literal> = fc.oneof(
  text,
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 0, max: 99999 }),
);
const value: fc.Arbitrary<Literal> = fc.letrec<{ value: Literal }>((tie) => ({
  value: fc.oneof(
    { depthSize: "small" },
    scalar,
    fc.array(fc.oneof(text, tie("value")), { maxLength: 5 }),
    fc.dictionary(identifier, tie("value"), { maxKeys: 5 }),
  ),
})).value;

describe("layout", () => {
  it("literal values", async () => {
    await fc.assert(
      fc.asyncProperty(identifier, value, async (name, v) => {
        const head = `export const ${name} = `;
        const source = `${head}${literal(v, "", head.length, 1)};\n`;
        expect(await format(source)).toBe(source);
      }),
      { numRuns: 300 },
    );
  });

  it("arrays of numbers (prettier fills them)", async () => {
    await fc.assert(
      fc.asyncProperty(
        identifier,
        fc.array(fc.integer({ min: -100000, max: 100000 }), { maxLength: 60 }),
        async (name, numbers) => {
          const head = `export const ${name} = `;
          const source = `${head}${literal(numbers, "", head.length, 1)};\n`;
          expect(await format(source)).toBe(source);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("type aliases of unions", async () => {
    await fc.assert(
      fc.asyncProperty(
        identifier,
        fc.array(
          fc.oneof(
            identifier,
            text.map((t) => stringLiteral(t)),
          ),
          { minLength: 1, maxLength: 8 },
        ),
        async (name, members) => {
          const unique = [...new Set(members)];
          const source = `${typeAlias(name, unique)}\n`;
          expect(await format(source)).toBe(source);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("interface heads with plain and qualified bases", async () => {
    await fc.assert(
      fc.asyncProperty(
        identifier,
        fc.option(
          fc.oneof(
            identifier,
            identifier.map((i) => `ns.${i}`),
          ),
        ),
        async (name, base) => {
          const source = `${interfaceHead(name, base ?? undefined)} {\n  a: string;\n}\n`;
          expect(await format(source)).toBe(source);
        },
      ),
      { numRuns: 300 },
    );
  });
});
