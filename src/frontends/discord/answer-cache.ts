/**
 * Recent answers by answer id, for "More sources", /sources and votes. Bounded (least recently used
 * dropped first, by lru-cache) and in memory only: after a restart, older buttons get a note to ask again,
 * and votes on them keep the question from the message (see feedback-log.ts).
 */
import { LRUCache } from "lru-cache";
import type { Answer } from "../../answer/types.js";
import type { Span } from "../shared/report-view.js";

export interface AnswerRecord {
  answerId: string;
  askerId: string;
  answer: Answer;
  /** Passages already shown to the asker by "More sources" or /sources. */
  shown: Span[];
}

export interface AnswerCache {
  put(record: AnswerRecord): void;
  get(answerId: string): AnswerRecord | undefined;
  /** The asker's most recent answer, for /sources. */
  lastOf(userId: string): AnswerRecord | undefined;
}

export function createAnswerCache(max = 1000): AnswerCache {
  const byId = new LRUCache<string, AnswerRecord>({ max });
  const lastByUser = new LRUCache<string, string>({ max });
  return {
    put(record) {
      byId.set(record.answerId, record);
      lastByUser.set(record.askerId, record.answerId);
    },
    get: (answerId) => byId.get(answerId),
    lastOf(userId) {
      const id = lastByUser.get(userId);
      return id === undefined ? undefined : byId.get(id);
    },
  };
}
