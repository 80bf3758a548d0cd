/**
 * The model's worker thread (see worker-embedder.ts): runs ONNX inference ("embed") or chunking with the
 * tokenizer ("chunk") off the main thread, so that a question or a big document never stalls the bot's
 * event loop. One request at a time, in the order the main thread sends them.
 */
import { parentPort, workerData } from "node:worker_threads";
import { chunkDocument } from "../chunking/units.js";
import { AppError } from "../errors.js";
import { createTransformersEmbedder, loadTokenizer } from "./transformers-embedder.js";
import { toWire, type WorkerMessage, type WorkerRequest, type WorkerSetup } from "./worker-protocol.js";

type Handler = (request: WorkerRequest) => Promise<WorkerMessage>;

async function embedHandler(setup: WorkerSetup): Promise<Handler> {
  const embedder = await createTransformersEmbedder({
    modelDir: setup.modelDir,
    modelId: setup.modelId,
    dtype: setup.dtype,
    maxTokens: setup.maxTokens,
    batchSize: setup.batchSize,
    threads: setup.threads,
    tokenProjection: setup.tokenProjection,
  });
  return async (request) => {
    if (request.op === "embed")
      return { kind: "vectors", id: request.id, vectors: await embedder.embed(request.texts) };
    if (request.op === "embedTokens" && embedder.embedTokens)
      return { kind: "tokens", id: request.id, embeddings: await embedder.embedTokens(request.texts) };
    if (request.op === "embedQuestion" && embedder.embedQuestion) {
      const { vector, tokens } = embedder.embedQuestion(request.text);
      // A copy: the reply moves the token embedding's own vector.
      send({ kind: "vector", id: request.id, vector: (await vector).slice() });
      return { kind: "tokens", id: request.id, embeddings: [await tokens] };
    }
    throw new AppError("EMBED_FAILED", `The embedding worker got "${request.op}".`);
  };
}

async function chunkHandler(setup: WorkerSetup): Promise<Handler> {
  const tokenizer = await loadTokenizer(setup.modelDir);
  const count = (text: string) => tokenizer.encode(text).length;
  return async (request) => {
    if (request.op !== "chunk")
      throw new AppError("EMBED_FAILED", `The chunking worker got "${request.op}".`);
    const chunked = chunkDocument(request.doc, request.params, count, setup.maxTokens);
    return { kind: "chunked", id: request.id, chunked };
  };
}

function send(message: WorkerMessage): void {
  // Vectors are moved, not copied: each is a view of its own buffer (see the embedder's slice).
  const transfer =
    message.kind === "vectors"
      ? message.vectors.map((v) => v.buffer as ArrayBuffer)
      : message.kind === "vector"
        ? [message.vector.buffer as ArrayBuffer]
        : message.kind === "tokens"
          ? message.embeddings.flatMap((e) =>
              [e.vector, e.ids, e.wordy, e.tokens].map((a) => a.buffer as ArrayBuffer),
            )
          : [];
  parentPort?.postMessage(message, transfer);
}

async function main(): Promise<void> {
  const setup = workerData as WorkerSetup;
  let handle: Handler;
  try {
    handle = setup.role === "embed" ? await embedHandler(setup) : await chunkHandler(setup);
  } catch (error) {
    return send({ kind: "failed", error: toWire(error) });
  }
  let queue = Promise.resolve();
  parentPort?.on("message", (request: WorkerRequest) => {
    queue = queue.then(() =>
      handle(request).then(send, (error: unknown) =>
        send({ kind: "error", id: request.id, error: toWire(error) }),
      ),
    );
  });
  send({ kind: "ready" });
}

void main();
