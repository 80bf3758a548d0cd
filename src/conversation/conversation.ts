/**
 * One message in, one reply out, for every front end: the message is classified once here, a question
 * goes to the answerer, a follow-up is read in the context of the conversation's previous answer, and
 * anything else gets a short note. Front ends only render the reply.
 */
import type { Answerer } from "../answer/answerer.js";
import type { Answer, PassageOut, Quote, StageTimings } from "../answer/types.js";
import { classifyMessage, type FollowUp } from "./classify.js";
import {
  itemsOf,
  MORE_SENTENCES,
  moreFrom,
  pickItem,
  readItem,
  readOn,
  rewriteQuestion,
} from "./follow-up.js";
import { createConversationMemory, type ConversationMemory, type Turn } from "./memory.js";

export type NoteKind =
  | "greeting"
  | "thanks"
  | "help"
  | "help-zh"
  | "content-free"
  /** A request to write, translate or make up text: the bot only quotes. */
  | "task"
  /** A request for a summary of the whole text: the bot points to the outline and briefings. */
  | "overview"
  /** A follow-up with no earlier answer in this conversation. */
  | "no-context"
  /** "Tell me more" at the end of the section. */
  | "end-of-section"
  /** The document changed since the previous answer; its offsets no longer hold. */
  | "changed";

export type Reply =
  /** `asked` is set when the answerer got a rewritten question (a follow-up on a new topic). */
  | { kind: "answer"; answer: Answer; timings: StageTimings; asked?: string; turn: Turn }
  /**
   * Text of the report read on from the previous answer: "more" (after what was shown) or "item" (one of
   * its items with what follows). Not an answer to a question, so it carries no confidence of its own.
   */
  | {
      kind: "passage";
      follow: "more" | "item";
      /** For an item: which one (1-based, -1 the last). */
      n?: number;
      quote: Quote;
      nextParagraph: boolean;
      turn: Turn;
    }
  /** "What else?": the front end pages through the turn's other passages, as /sources does. */
  | { kind: "sources"; turn: Turn }
  | { kind: "other-language"; language: string }
  /** "The second one" when the previous answer showed fewer items. */
  | { kind: "no-item"; n: number; items: number; turn: Turn }
  | { kind: "note"; note: NoteKind };

export interface RespondOptions {
  /** The answerer of the current index; a refresh meanwhile does not change it for this message. */
  answerer: Answerer;
  /** Narrow a question to this document (already checked by the front end). */
  doc?: string | undefined;
  /**
   * The turn a follow-up refers to, when the front end knows it better than "the last one here" (a reply
   * to one of the bot's answers in Discord).
   */
  turn?: Turn | undefined;
}

export interface Conversation {
  respond(key: string, text: string, options: RespondOptions): Promise<Reply>;
  /** The conversation's previous turn, for /sources. */
  last(key: string): Turn | undefined;
}

export interface ConversationOptions {
  memory?: ConversationMemory;
  /** Whether a translator takes a message in another language (see classifyMessage). */
  translates?: ((text: string) => boolean) | undefined;
  /** The items a reader saw in an abstention (the nearest passages listed), as the front ends list them. */
  nearest: (answer: Answer) => PassageOut[];
}

export function createConversation(options: ConversationOptions): Conversation {
  const memory = options.memory ?? createConversationMemory();

  async function ask(key: string, question: string, o: RespondOptions, asked?: string): Promise<Reply> {
    const { answer, timings } = await o.answerer.ask(question, { doc: o.doc });
    const turn: Turn = { question: answer.question, doc: o.doc, answer, shown: [] };
    memory.set(key, turn);
    return { kind: "answer", answer, timings, turn, ...(asked ? { asked } : {}) };
  }

  function followUp(key: string, follow: FollowUp, turn: Turn, o: RespondOptions): Promise<Reply> | Reply {
    const store = o.answerer.store;
    if (follow.type === "others") return { kind: "sources", turn };
    if (follow.type === "topic") {
      const rewritten = rewriteQuestion(turn.question, follow.topic);
      return ask(key, rewritten, { ...o, doc: o.doc ?? turn.doc }, rewritten);
    }
    if (follow.type === "item") {
      const item = pickItem(itemsOf(turn.answer, options.nearest), follow.n);
      if (!item)
        return { kind: "no-item", n: follow.n, items: itemsOf(turn.answer, options.nearest).length, turn };
      return passage("item", readItem(store, item), turn, follow.n);
    }
    const from = moreFrom(turn);
    // An abstention showed only where the nearest passages stand: "more" shows the nearest one itself.
    const nearest = from ? undefined : options.nearest(turn.answer)[0];
    if (nearest) return passage("more", readItem(store, { ...nearest }), turn);
    if (!from) return { kind: "note", note: "end-of-section" };
    return passage("more", readOn(store, from, MORE_SENTENCES, turn.answer.quotes), turn);
  }

  return {
    last: (key) => memory.get(key),
    async respond(key, text, o) {
      const kind = classifyMessage(text, { translates: options.translates });
      switch (kind.kind) {
        case "question":
          return ask(key, kind.text, o);
        case "other-language":
          return { kind: "other-language", language: kind.language };
        case "follow-up": {
          const turn = o.turn ?? memory.get(key);
          if (turn) return followUp(key, kind.follow, turn, o);
          // "What about X?" with nothing before it is still a question about X, asked as typed.
          if (kind.follow.type === "topic") return ask(key, text.trim(), o);
          return { kind: "note", note: "no-context" };
        }
        default:
          return { kind: "note", note: kind.kind };
      }
    },
  };
}

function passage(follow: "more" | "item", read: ReturnType<typeof readOn>, turn: Turn, n?: number): Reply {
  if (!read.ok) return { kind: "note", note: read.reason === "end" ? "end-of-section" : "changed" };
  turn.cursor = { doc: read.quote.doc, start: read.quote.start, end: read.quote.end };
  const which = n === undefined ? {} : { n };
  return { kind: "passage", follow, ...which, quote: read.quote, nextParagraph: read.nextParagraph, turn };
}
