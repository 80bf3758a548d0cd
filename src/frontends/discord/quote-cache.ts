/**
 * Recent /quote results by the id of their interaction, so ◀ ▶ can turn pages without searching again.
 * Bounded (oldest dropped first) and in memory only: after a restart, old buttons get a note to search
 * again.
 */
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
  const byId = new Map<string, QuoteRecord>();
  return {
    put(record) {
      byId.delete(record.queryId);
      byId.set(record.queryId, record);
      for (const id of byId.keys()) {
        if (byId.size <= max) break;
        byId.delete(id);
      }
    },
    get: (queryId) => byId.get(queryId),
  };
}
