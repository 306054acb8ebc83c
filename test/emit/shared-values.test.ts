/** What operation rows hold alike is declared once: `shareRepeated`, on a few small rows. */
import { describe, expect, it } from "vitest";
import { shareRepeated } from "../../generator/emit/client/shared-values.js";
import { Code } from "../../generator/emit/print/layout.js";

const task = {
  mediaType: "t+xml",
  element: "vcloud:Task",
  part: new Code("e$vcloud$Task"),
};
const vapp = {
  mediaType: "v+xml",
  element: "vcloud:VApp",
  part: new Code("e$vcloud$VApp"),
};

describe("shareRepeated", () => {
  it("declares a value two rows hold once, items included, in order of first use; what one row holds stays in it", () => {
    const { rows, shared } = shareRepeated(
      [
        { name: "a", responses: [task], tags: ["x"] },
        { name: "b", responses: [{ ...task }], tags: ["y"] },
        { name: "c", responses: [vapp, { ...task }], tags: [] },
      ],
      [
        { field: "responses", type: "readonly S[]", itemType: "S" },
        { field: "tags", type: "readonly string[]" },
      ],
      "$",
    );
    expect(shared.map((s) => [s.name, s.type])).toEqual([
      ["$1", "S"],
      ["$2", "readonly S[]"],
    ]);
    expect(shared[0].value).toEqual(task);
    expect(shared[1].value).toEqual([new Code("$1")]);
    expect(rows).toEqual([
      { name: "a", responses: new Code("$2"), tags: ["x"] },
      { name: "b", responses: new Code("$2"), tags: ["y"] },
      { name: "c", responses: [vapp, new Code("$1")], tags: [] },
    ]);
  });
});
