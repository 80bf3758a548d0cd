// The worker-thread embedder against the in-thread one: the same vectors to the byte, the same chunks, the
// event loop free while it works, its errors as AppErrors, and a prompt close.
import { readFileSync } from "node:fs";
import path from "node:path";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chunkDocument, DEFAULT_CHUNKER_PARAMS } from "../../src/chunking/units.js";
import type { SourceDocument } from "../../src/corpus/read-corpus.js";
import type { Embedder } from "../../src/embedding/embedder.js";
import { createTransformersEmbedder } from "../../src/embedding/transformers-embedder.js";
import { createWorkerEmbedder } from "../../src/embedding/worker-embedder.js";
import { AppError } from "../../src/errors.js";
import { tokenProjection } from "../../src/app.js";
import { REPO, REPORT } from "../fixtures/temp-corpus.js";

const MODEL_DIR = path.join(REPO, "models", "onnx-community", "all-MiniLM-L6-v2-ONNX");
const OPTIONS = {
  modelDir: MODEL_DIR,
  modelId: "onnx-community/all-MiniLM-L6-v2-ONNX",
  dtype: "q4",
  tokenProjection: tokenProjection(),
} as const;
const report = readFileSync(path.join(REPO, "corpus", REPORT), "utf8");
const doc: SourceDocument = {
  path: REPORT,
  id: "report",
  format: "txt",
  text: report,
  sha256: "x",
  meta: { title: "The report", language: "en" },
};

let inThread: Embedder;
let worker: Embedder;

beforeAll(async () => {
  [inThread, worker] = await Promise.all([
    createTransformersEmbedder(OPTIONS),
    createWorkerEmbedder(OPTIONS),
  ]);
});
afterAll(async () => {
  await Promise.all([inThread?.dispose(), worker?.dispose()]);
});

const bytes = (vectors: Float32Array[]) =>
  Buffer.concat(vectors.map((v) => Buffer.from(v.buffer, v.byteOffset, v.byteLength)));

describe("worker embedder", () => {
  it("gives byte-identical vectors to the in-thread embedder, for one text and for many of mixed lengths", async () => {
    const sentences = report.split(/(?<=\.)\s+/).slice(0, 90);
    for (const texts of [["How many pocket parks will be built?"], sentences, []]) {
      const [a, b] = [await inThread.embed(texts), await worker.embed(texts)];
      expect(b).toHaveLength(texts.length);
      expect(bytes(b).equals(bytes(a))).toBe(true);
    }
  });

  it("gives a question's vector before its token vectors, the same numbers as embedTokens, in the worker and in the thread", async () => {
    const question = "How many pocket parks will be built?";
    const [whole] = await inThread.embedTokens!([question]);
    for (const embedder of [inThread, worker]) {
      const steps = embedder.embedQuestion!(question);
      const order: string[] = [];
      const vector = steps.vector.then((v) => (order.push("vector"), v));
      const tokens = steps.tokens.then((t) => (order.push("tokens"), t));
      const [v, t] = await Promise.all([vector, tokens]);
      expect(order).toEqual(["vector", "tokens"]);
      expect(bytes([v]).equals(bytes([whole!.vector]))).toBe(true);
      expect(bytes([t.tokens]).equals(bytes([whole!.tokens]))).toBe(true);
      expect([...t.ids]).toEqual([...whole!.ids]);
    }
  });

  it("gives token vectors from the same inference: the same pooled vectors, in the worker and in the thread", async () => {
    const texts = ["How many pocket parks will be built?", ...report.split(/(?<=\.)\s+/).slice(0, 20)];
    const [a, b] = [await inThread.embedTokens!(texts), await worker.embedTokens!(texts)];
    const pooled = await inThread.embed(texts);
    expect(bytes(a.map((e) => e.vector)).equals(bytes(pooled))).toBe(true);
    expect(bytes(b.map((e) => e.tokens)).equals(bytes(a.map((e) => e.tokens)))).toBe(true);
    const [question] = a;
    // "how many pocket parks will be built ?": nine tokens, the last one punctuation, none special.
    expect(question!.ids).toHaveLength(question!.tokens.length / inThread.tokenDims!);
    expect([...question!.wordy].slice(-1)).toEqual([0]);
    expect(question!.ids.length).toBe(inThread.countTokens(texts[0]!) - 2);
    const dims = inThread.tokenDims!;
    for (let t = 0; t < question!.ids.length; t++) {
      const v = question!.tokens.subarray(t * dims, (t + 1) * dims);
      expect(Math.hypot(...v)).toBeCloseTo(1, 5);
    }
  });

  it("answers concurrent requests each with its own vectors, as if asked alone", async () => {
    const questions = [
      "What about parks?",
      "How many schools?",
      "Rural revitalization plans",
      "Jobs for graduates",
    ];
    const alone = await Promise.all(questions.map((q) => inThread.embed([q])));
    const together = await Promise.all(questions.map((q) => worker.embed([q])));
    together.forEach((v, k) => expect(bytes(v).equals(bytes(alone[k] ?? []))).toBe(true));
  });

  it("puts a question ahead of a build's queued slices, with the same vector as asked alone", async () => {
    const sentences = report.split(/(?<=\.)\s+/);
    const bulk = Array.from({ length: 256 }, (_, i) => `${sentences[i % sentences.length] ?? ""} [${i}]`);
    const done: string[] = [];
    const build = worker.embed(bulk).then(() => void done.push("build"));
    const question = "How many pocket parks will be built?";
    const [vector] = await worker.embed([question]);
    done.push("question");
    await build;
    expect(done).toEqual(["question", "build"]);
    expect(bytes([vector ?? new Float32Array()]).equals(bytes(await inThread.embed([question])))).toBe(true);
  });

  it("chunks off the main thread exactly as chunkDocument does, and counts tokens as the model does", async () => {
    const here = chunkDocument(
      doc,
      DEFAULT_CHUNKER_PARAMS,
      (t) => inThread.countTokens(t),
      inThread.maxTokens,
    );
    expect(await worker.chunk?.(doc, DEFAULT_CHUNKER_PARAMS)).toEqual(here);
    // The chunking thread stops when idle, and starts again for the next document.
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(await worker.chunk?.(doc, DEFAULT_CHUNKER_PARAMS)).toEqual(here);
    expect(worker.countTokens("Twenty pocket parks.")).toBe(inThread.countTokens("Twenty pocket parks."));
  });

  it("keeps the event loop free while it embeds a few hundred texts", async () => {
    const sentences = report.split(/(?<=\.)\s+/);
    const texts = Array.from({ length: 200 }, (_, i) => `${sentences[i % sentences.length] ?? ""} (${i})`);
    const maxDelayMs = async (embedder: Embedder) => {
      const delay = monitorEventLoopDelay({ resolution: 10 });
      delay.enable();
      await embedder.embed(texts);
      delay.disable();
      return delay.max / 1e6;
    };
    const [here, there] = [await maxDelayMs(inThread), await maxDelayMs(worker)];
    console.log(
      `event-loop delay embedding ${texts.length} texts: max ${here.toFixed(0)} ms in-thread, ${there.toFixed(0)} ms in the worker`,
    );
    // In-thread, the call holds the loop for seconds; with the worker only message handling runs on it.
    expect(there).toBeLessThan(here / 3);
  });

  it("reports a model that cannot load as MODEL_UNAVAILABLE, and a closed embedder as an AppError", async () => {
    const bad = createWorkerEmbedder({ ...OPTIONS, modelDir: path.join(REPO, "no-such-model") });
    await expect(bad).rejects.toMatchObject({ code: "MODEL_UNAVAILABLE" });
    const closing = await createWorkerEmbedder(OPTIONS);
    const pending = closing.embed(["a question in flight"]).catch((error: unknown) => error);
    const t0 = performance.now();
    await closing.dispose();
    expect(performance.now() - t0).toBeLessThan(2_000);
    expect(await pending).toBeInstanceOf(AppError);
    await expect(closing.embed(["after close"])).rejects.toMatchObject({ code: "EMBED_FAILED" });
  });
});
