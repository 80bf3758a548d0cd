import { createAnswerer, DEFAULT_ANSWERER, type Answerer } from "../answer/answerer.js";
import type { Embedder } from "../embedding/embedder.js";
import { createRetriever, DEFAULT_RETRIEVER } from "../retrieval/retriever.js";
import type { Store } from "../store/store.js";

/**
 * The answerer `createApp` wires over a store (same parts, same defaults), for a given embedder: the benchmark
 * times model load and index load apart, which `createApp` does in one call.
 */
export function answererFor(store: Store, embedder: Embedder): Answerer {
  return createAnswerer(store, embedder, createRetriever(store, DEFAULT_RETRIEVER), DEFAULT_ANSWERER);
}
