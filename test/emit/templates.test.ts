/** The precompiled templates (templates.ts): used only for the very text they were made from. */
import { describe, expect, it } from "vitest";
import {
  compileTemplates,
  precompileTemplate,
} from "../../generator/emit/templates.js";

describe("precompiled templates", () => {
  it("are used for the text they were made from", () => {
    // A spec made from other text than the template's, recorded as made from it: it is what renders.
    const spec = precompileTemplate("precompiled {{name}}");
    const made = compileTemplates(new Map([["t", "compiled {{name}}"]]), {
      t: { source: "compiled {{name}}", spec: spec.spec },
    });
    expect(made.get("t")!({ name: "x" })).toBe("precompiled x");
  });

  it("are not used for a template edited since: it is compiled from its text", () => {
    const made = compileTemplates(new Map([["t", "edited {{name}}"]]), {
      t: precompileTemplate("precompiled {{name}}"),
    });
    expect(made.get("t")!({ name: "x" })).toBe("edited x");
  });

  it("render as the template compiled at run time does, strict and not escaped", () => {
    const text = "{{#each items}}<{{this.a}}>{{/each}}";
    const [precompiled, compiled] = [{ t: precompileTemplate(text) }, {}].map(
      (given) => compileTemplates(new Map([["t", text]]), given).get("t")!,
    );
    const view = { items: [{ a: "&" }, { a: '"' }] };
    expect(precompiled(view)).toBe('<&><">');
    expect(compiled(view)).toBe('<&><">');
    // strict: a missing field is an error either way.
    expect(() => precompiled({ items: [{}] })).toThrow(/"a" not defined/);
    expect(() => compiled({ items: [{}] })).toThrow(/"a" not defined/);
  });
});
