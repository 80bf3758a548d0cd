import type { AnswerRecord } from "../../../src/frontends/discord/answer-cache.js";
import { answer } from "./fake-answer.js";

/** An answer as the bot keeps it for its buttons. */
export function handleAnswerRecord(): AnswerRecord {
  return { answerId: "111", askerId: "222", answer: answer(), shown: [] };
}
