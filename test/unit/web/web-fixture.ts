import { writeFileSync } from "node:fs";
import path from "node:path";
import { answererFor, createAnswerParts, createStoreIndexes, type AnswerParts } from "../../../src/app.js";
import { DEFAULT_CHUNKER_PARAMS } from "../../../src/chunking/units.js";
import type { Engine } from "../../../src/frontends/shared/report-view.js";
import { ensureIndex } from "../../../src/store/build.js";
import type { Store } from "../../../src/store/store.js";
import type { ShelfCalibration } from "../../../src/answer/shelf-calibration.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { tempWorkspace } from "../../fixtures/temp-corpus.js";

export const HOSTILE_DOC = "hostile-notes.txt";

/** A document written to break out of HTML: tags, attributes, entities, quotes of both kinds. */
export const HOSTILE_TEXT = [
  `<script>document.title="owned"</script> Hostile heading`,
  `The committee said <script>alert("pwned")</script> would be "removed" & <b>bold</b> claims stay text.`,
  `Attributes like <img src=x onerror="alert('x')"> and entities &amp; &lt;tag&gt; &#x27; must stay as written.`,
  `A closing </textarea></title><!-- comment --> and an "attribute='value'" end the hostile notes.`,
  "",
].join("\n");

function keepConfidence(threshold: number): ShelfCalibration {
  return { version: "fake-shelf", threshold, apply: (confidence) => confidence };
}

export interface WebFixture {
  engine: Engine;
  /** The answer stage the engine uses, for answerers over other stores. */
  parts: AnswerParts;
  store: Store;
  cleanup: () => void;
}

/** The real corpus plus the hostile document, indexed with the fake embedder: no model needed. */
export async function webFixture(): Promise<WebFixture> {
  const ws = tempWorkspace();
  writeFileSync(path.join(ws.corpus, HOSTILE_DOC), HOSTILE_TEXT);
  const embedder = createFakeEmbedder(384);
  try {
    const r = await ensureIndex({
      corpusDir: ws.corpus,
      indexDir: ws.index,
      model: { id: embedder.modelId, dtype: embedder.dtype, dims: embedder.dims },
      chunker: DEFAULT_CHUNKER_PARAMS,
      indexes: createStoreIndexes(),
      getEmbedder: async () => embedder,
    });
    // The fake embedder's vectors mean nothing, so neither do its confidences: this shelf keeps the general
    // confidence and answers from 0.25, so that the pages show answered questions as well as abstentions.
    const parts: AnswerParts = { ...createAnswerParts(), calibration: keepConfidence(0.25) };
    const answerer = answererFor(r.store, embedder, parts);
    return { engine: { answerer: () => answerer }, parts, store: r.store, cleanup: ws.cleanup };
  } catch (error) {
    ws.cleanup();
    throw error;
  }
}
