/**
 * Recent answers by answer id, for "More sources", /sources and votes. Bounded (oldest dropped first) and
 * in memory only: after a restart, older buttons get a note to ask again, and votes on them keep the
 * question from the message (see feedback-log.ts).
 */
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
  const byId = new Map<string, AnswerRecord>();
  const lastByUser = new Map<string, string>();
  return {
    put(record) {
      byId.delete(record.answerId);
      byId.set(record.answerId, record);
      lastByUser.delete(record.askerId);
      lastByUser.set(record.askerId, record.answerId);
      for (const id of byId.keys()) {
        if (byId.size <= max) break;
        byId.delete(id);
      }
      for (const [user, id] of lastByUser) {
        if (lastByUser.size <= max) break;
        if (!byId.has(id)) lastByUser.delete(user);
      }
    },
    get: (answerId) => byId.get(answerId),
    lastOf(userId) {
      const id = lastByUser.get(userId);
      return id === undefined ? undefined : byId.get(id);
    },
  };
}
