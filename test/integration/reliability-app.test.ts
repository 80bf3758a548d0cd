// A running app (real model) meets a bad file: it warns once naming it, indexes the good document dropped in
// beside it, and keeps answering.
import { writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadSettings } from "../../src/config/settings.js";
import { REPO, tempWorkspace } from "../fixtures/temp-corpus.js";

const ws = tempWorkspace();
let app: App;
const warnings: string[] = [];

beforeAll(async () => {
  app = await createApp(
    loadSettings({ CORPUS_DIR: ws.corpus, INDEX_DIR: ws.index, MODELS_CACHE_DIR: path.join(REPO, "models") }),
    { warn: (line) => warnings.push(line) },
  );
});
afterAll(async () => {
  await app?.close();
  ws.cleanup();
});

describe("a bad file dropped into a running app's corpus", () => {
  it("is skipped with a warning; the good document beside it is indexed and answered from", async () => {
    writeFileSync(path.join(ws.corpus, "scan.pdf"), "%PDF-1.7 truncated");
    writeFileSync(
      path.join(ws.corpus, "ferry.md"),
      "# Ferry\n\nThe new ferry pier in the harbour opens in October.\n",
    );
    const r = await app.refresh();
    expect(r.action).toBe("refreshed");
    expect(r.skipped).toEqual([
      { path: "scan.pdf", reason: expect.stringMatching(/^it is not a readable PDF/) },
    ]);
    expect(warnings).toEqual([expect.stringMatching(/^index: skipped scan\.pdf: it is not a readable PDF/)]);
    expect(app.answerer().store.manifest.skipped.map((s) => s.path)).toEqual(["scan.pdf"]);
    const { answer } = await app.answerer().ask("When does the new ferry pier open?");
    expect(answer.quotes[0]?.doc).toBe("ferry.md");
  });
});
