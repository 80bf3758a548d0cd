/**
 * Recent /quote results by the id of their interaction, so ◀ ▶ can turn pages without searching again.
 * Bounded (least recently used dropped first) and in memory only: after a restart, old buttons get a note to search
 * again.
 */
import { LRUCache } from "lru-cache";
import type { QuoteView } from "./wording-render.js";

export interface QuoteRecord {
  queryId: string;
  askerId: string;
  view: QuoteView;
}

export interface QuoteCache {
  put(record: QuoteRecord): void;
  get(queryId: string): QuoteRecord | undefined;
}

export function createQuoteCache(max = 500): QuoteCache {
  const byId = new LRUCache<string, QuoteRecord>({ max });
  return {
    put: (record) => void byId.set(record.queryId, record),
    get: (queryId) => byId.get(queryId),
  };
}
