import { readFileSync } from "node:fs";
import { it } from "vitest";
import { validateWithLibxml2 } from "./helpers/libxml2.js";
import { fromXml, toXml } from "/tmp/t/gen-all/dist/index.js";
it("rt", async () => {
  const idx = JSON.parse(
    readFileSync("/work/shared/vcd-samples/INDEX.json", "utf8"),
  );
  const docs: { name: string; xml: string }[] = [];
  let readFail = 0;
  for (const e of idx) {
    if (!e.xsd_valid) continue;
    const xml = readFileSync("/work/shared/vcd-samples/" + e.file, "utf8");
    try {
      docs.push({
        name: e.file.replace(/\//g, "__"),
        xml: toXml(fromXml(xml)),
      });
    } catch (err) {
      readFail++;
      console.log("READFAIL", e.file, (err as Error).message.slice(0, 150));
    }
  }
  const r = await validateWithLibxml2(docs);
  let bad = 0;
  for (const d of docs) {
    const v = r.get(d.name)!;
    if (!v.valid) {
      bad++;
      if (bad < 12) console.log("INVALID", d.name, v.errors.slice(0, 2));
    }
  }
  console.log({ total: docs.length, readFail, bad });
});
