/** The printer lays declarations out as prettier does: checked against prettier itself on random input. */
import fc from "fast-check";
import * as prettier from "prettier";
import { describe, expect, it } from "vitest";
import {
  genericTypeAlias,
  interfaceHead,
  literal,
  stringLiteral,
  typeAlias,
  withTypeParameter,
  type Literal,
} from "../../generator/emit/print/layout.js";

// A fixed seed keeps CI repeatable; set FC_SEED to explore others.
fc.configureGlobal({ seed: Number(process.env.FC_SEED ?? 20261122) });

const format = (text: string) =>
  prettier.format(text, { parser: "typescript" });

/** Identifiers, less the words JavaScript reserves (the generator never emits those: see naming.ts). */
const RESERVED = new Set(
  "break case catch class const continue debugger default delete do else enum export extends false finally for function if import in instanceof new null return super switch this throw true try typeof var void while with yield let static implements interface package private protected public await as any boolean number string symbol type never unknown object undefined of".split(
    " ",
  ),
);
const identifier = fc
  .stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,40}$/)
  .filter((id) => !RESERVED.has(id));
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

  // Type parameters as the stubs write them: `K extends $q.Field<"vApp"> = $q.Field<"vApp">`.
  const short = fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,29}$/);
  const reference = fc.oneof(
    short,
    fc.tuple(short, short).map(([a, b]) => `$q.${a}<"${b}">`),
  );
  const typeParameter = fc
    .tuple(
      fc.constantFrom("F", "K", "const K"),
      reference,
      fc.option(reference),
    )
    .map(
      ([name, bound, fallback]) =>
        `${name} extends ${bound}${fallback ? ` = ${fallback}` : ""}`,
    );

  it("generic interface heads with one or two type parameters", async () => {
    await fc.assert(
      fc.asyncProperty(
        short,
        fc.array(
          typeParameter.filter((p) => !p.startsWith("const")),
          { minLength: 1, maxLength: 2 },
        ),
        async (name, parameters) => {
          const head = withTypeParameter(
            interfaceHead(name, undefined),
            parameters,
            " {",
          );
          const source = `${head} {\n  a: string;\n}\n`;
          expect(await format(source)).toBe(source);
        },
      ),
      { numRuns: 300 },
    );
  });

  it("generic type aliases of one reference", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.stringMatching(/^[A-Za-z][A-Za-z0-9]{0,49}$/),
        reference,
        async (name, member) => {
          const source = `${genericTypeAlias(name, "K extends string = never", member)}\n`;
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
