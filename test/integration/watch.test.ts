import { copyFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createApp, type App } from "../../src/app.js";
import { loadSettings } from "../../src/config/settings.js";
import { makePdf } from "../fixtures/make-documents.js";
import { REPO, tempWorkspace } from "../fixtures/temp-corpus.js";

const ws = tempWorkspace();
let app: App;
const refreshed: string[] = [];

beforeAll(async () => {
  app = await createApp(
    loadSettings({ CORPUS_DIR: ws.corpus, INDEX_DIR: ws.index, MODELS_CACHE_DIR: path.join(REPO, "models") }),
  );
  app.watch((r) => refreshed.push(r.store.manifest.indexVersion), { debounceMs: 200, pollMs: 1000 });
});
afterAll(async () => {
  await app?.close();
  ws.cleanup();
});

async function until(predicate: () => boolean, timeoutMs: number): Promise<void> {
  const t0 = Date.now();
  while (!predicate()) {
    if (Date.now() - t0 > timeoutMs) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe("a document dropped into the corpus while running", () => {
  it("is answered from without a restart, with its page cited", async () => {
    const question = "When will the new ferry pier in the harbour open?";
    const before = await app.answerer().ask(question);
    expect(before.answer.quotes.some((q) => q.doc === "harbour.pdf")).toBe(false);
    const inFlight = app.answerer(); // a question in flight keeps the index it started with

    const tmp = path.join(ws.dir, "harbour.pdf");
    writeFileSync(
      tmp,
      await makePdf([
        ["Harbour development plan"],
        ["Ferries", "", "The new ferry pier in the harbour will open to passengers in October."],
      ]),
    );
    copyFileSync(tmp, path.join(ws.corpus, "harbour.pdf"));
    await until(() => refreshed.length > 0, 30_000);

    const after = await app.answerer().ask(question);
    expect(after.answer.answered).toBe(true);
    const quote = after.answer.quotes[0];
    expect(quote).toMatchObject({ doc: "harbour.pdf", page: 2 });
    expect(quote?.text).toContain("will open to passengers in October");
    expect(after.answer.index.version).not.toBe(before.answer.index.version);
    expect((await inFlight.ask(question)).answer.index.version).toBe(before.answer.index.version);
    expect(
      app.answerer().store.manifest.documents.find((d) => d.path === "minhang-mayor-report.txt"),
    ).toBeDefined();
  });
});
