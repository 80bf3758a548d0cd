import { randomBytes } from "node:crypto";
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import { scanCorpus } from "../../../src/corpus/read-corpus.js";
import { binaryShare, skipReason } from "../../../src/corpus/skip-reasons.js";
import { AppError } from "../../../src/errors.js";
import { ensureIndex } from "../../../src/store/build.js";
import { currentStoreDir, loadStore } from "../../../src/store/store.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { storeIndexes } from "../../fixtures/store-indexes.js";

let dir: string;
const GOOD = "The harbour will get a new pier. Work starts in May.\n";

beforeAll(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), "skipped-files-"));
  const file = (name: string, content: string | Buffer) => writeFileSync(path.join(dir, name), content);
  file("good.txt", GOOD);
  file("also-good.md", "# Parks\n\nTwenty pocket parks will be built.\n");
  file("corrupt.pdf", "%PDF-1.7 this is not really a PDF");
  file("random.docx", randomBytes(4096));
  file("binary.txt", randomBytes(100_000));
  file("utf16.txt", Buffer.from("A document saved as UTF-16, full of NUL bytes.", "utf16le"));
  file("bad-meta.txt", GOOD);
  file("bad-meta.meta.json", JSON.stringify({ title: "Fine", colour: "red" }));
  file("not-json.txt", GOOD);
  file("not-json.meta.json", "{ title: ");
  file("huge.txt", "Word. ".repeat(300_000)); // 1.8 MB, over the 1 MB limit set below
  file("empty.txt", "  \n\n");
  symlinkSync(path.join(dir, "gone.txt"), path.join(dir, "dangling.txt"));
});
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("a bad corpus file", () => {
  it("is skipped with the real reason, and every good document is read", async () => {
    const scan = await scanCorpus(dir, { maxBytes: 2 ** 20 });
    expect(scan.documents.map((d) => d.path).sort()).toEqual(["also-good.md", "good.txt"]);
    const reasons = Object.fromEntries(scan.skipped.map((s) => [s.path, s.reason]));
    expect(Object.keys(reasons).sort()).toEqual([
      "bad-meta.txt",
      "binary.txt",
      "corrupt.pdf",
      "dangling.txt",
      "empty.txt",
      "huge.txt",
      "not-json.txt",
      "random.docx",
      "utf16.txt",
    ]);
    expect(reasons["corrupt.pdf"]).toMatch(/^it is not a readable PDF \(/);
    expect(reasons["random.docx"]).toMatch(/^it is not a readable Word \(\.docx\) file \(/);
    expect(reasons["binary.txt"]).toMatch(/^it looks binary, not text: \d+% of its characters/);
    expect(reasons["utf16.txt"]).toMatch(/looks binary/);
    expect(reasons["bad-meta.txt"]).toMatch(/^invalid metadata: .*bad-meta\.meta\.json.*colour/);
    expect(reasons["not-json.txt"]).toMatch(/^invalid metadata: .*not valid JSON/);
    expect(reasons["huge.txt"]).toBe("it is 1.7 MB, over the limit of 1 MB (MAX_DOCUMENT_MB)");
    expect(reasons["empty.txt"]).toBe("it holds no text");
    expect(reasons["dangling.txt"]).toBe("it is a symbolic link to a file that does not exist");
    // No reason is the old, wrong hint for a corrupt file.
    expect(Object.values(reasons).join(" ")).not.toMatch(/exists and is readable/);
  });

  it("that vanishes while the corpus is read is named as such", async () => {
    const error = new AppError("INPUT_UNREADABLE", "x", {
      cause: Object.assign(new Error("ENOENT: no such file"), { code: "ENOENT" }),
    });
    expect(await skipReason(path.join(dir, "was-here.txt"), error)).toBe(
      "it vanished while the corpus was being read",
    );
  });

  it("is kept in the build result and the manifest; the index holds the others, and a warning names it", async () => {
    const embedder = createFakeEmbedder();
    const indexDir = mkdtempSync(path.join(os.tmpdir(), "skipped-index-"));
    try {
      const warnings: string[] = [];
      const r = await ensureIndex({
        corpusDir: dir,
        indexDir,
        model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
        chunker: DEFAULT_CHUNKER_PARAMS,
        indexes: storeIndexes(),
        getEmbedder: async () => embedder,
        maxDocumentBytes: 2 ** 20,
        warn: (line) => warnings.push(line),
      });
      expect(r.store.manifest.documents.map((d) => d.path).sort()).toEqual(["also-good.md", "good.txt"]);
      expect(r.skipped).toHaveLength(9);
      expect(loadStore(currentStoreDir(indexDir) as string, storeIndexes()).manifest.skipped).toEqual(r.skipped);
      expect(warnings).toHaveLength(9);
      expect(warnings[0]).toMatch(/^index: skipped bad-meta\.txt: invalid metadata/);
    } finally {
      rmSync(indexDir, { recursive: true, force: true });
    }
  });

  it("newly added to an indexed corpus is listed although nothing else changed", async () => {
    const embedder = createFakeEmbedder();
    const corpusDir = mkdtempSync(path.join(os.tmpdir(), "skipped-late-"));
    const indexDir = path.join(corpusDir, "..", path.basename(corpusDir) + "-index");
    const options = {
      corpusDir,
      indexDir,
      model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
      chunker: DEFAULT_CHUNKER_PARAMS,
      indexes: storeIndexes(),
      getEmbedder: async () => embedder,
    };
    try {
      writeFileSync(path.join(corpusDir, "good.txt"), GOOD);
      const first = await ensureIndex(options);
      writeFileSync(path.join(corpusDir, "broken.pdf"), "not a pdf");
      const second = await ensureIndex(options);
      expect(second.documents.embedded).toBe(0);
      expect(second.store.manifest.indexVersion).toBe(first.store.manifest.indexVersion);
      expect(second.store.manifest.skipped.map((s) => s.path)).toEqual(["broken.pdf"]);
      expect((await ensureIndex(options)).action).toBe("fresh");
    } finally {
      rmSync(corpusDir, { recursive: true, force: true });
      rmSync(indexDir, { recursive: true, force: true });
    }
  });

  it("only bad files: the build fails and names them", async () => {
    const only = mkdtempSync(path.join(os.tmpdir(), "skipped-only-"));
    try {
      writeFileSync(path.join(only, "broken.pdf"), "not a pdf");
      await expect(scanCorpus(only)).rejects.toThrow(/every file was skipped: broken\.pdf \(it is not a readable PDF/);
    } finally {
      rmSync(only, { recursive: true, force: true });
    }
  });
});

describe("binaryShare", () => {
  it("is near zero for text with tabs, CRLF and form feeds, and high for random bytes", () => {
    expect(binaryShare("Line one,\tcolumn.\r\nLine two.\f\n")).toBe(0);
    expect(binaryShare(randomBytes(10_000).toString("utf8"))).toBeGreaterThan(0.3);
  });
});
