/**
 * What each conversation (a local chat session, a Discord channel or thread) last asked and was answered,
 * so a follow-up can be read in its context. Bounded and in memory only: the oldest conversations are
 * forgotten first, and a conversation silent for long starts afresh.
 */
import { LRUCache } from "lru-cache";
import type { Answer } from "../answer/types.js";

export interface Span {
  doc: string;
  start: number;
  end: number;
}

export interface Turn {
  /** The question as the answerer got it (a follow-up's rewrite, not what was typed). */
  question: string;
  /** The document the question was narrowed to, if any: a follow-up keeps it. */
  doc?: string | undefined;
  answer: Answer;
  /** Passages shown as sources so far, so "what else?" and /sources move on. */
  shown: Span[];
  /** The end of the text shown last by "tell me more" or "the second one": the next "more" reads on from it. */
  cursor?: Span | undefined;
}

export interface ConversationMemory {
  get(key: string): Turn | undefined;
  set(key: string, turn: Turn): void;
}

export interface MemoryOptions {
  /** Most conversations remembered. */
  max: number;
  /** A conversation silent this long is forgotten. */
  ttlMs: number;
}

export const DEFAULT_MEMORY: MemoryOptions = { max: 1000, ttlMs: 60 * 60 * 1000 };

export function createConversationMemory(options: MemoryOptions = DEFAULT_MEMORY): ConversationMemory {
  const cache = new LRUCache<string, Turn>({ max: options.max, ttl: options.ttlMs, updateAgeOnGet: true });
  return {
    get: (key) => cache.get(key),
    set: (key, turn) => void cache.set(key, turn),
  };
}
