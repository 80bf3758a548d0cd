import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { describeError, isAppError } from "../../errors.js";

/** Longest part of a question echoed back in an error line: a megabyte of question is not repeated. */
const ECHO_CHARS = 200;

/**
 * One output line per question line: the answer, or `{ line, error }` for a line that could not be
 * answered; the run goes on. Returns how many lines failed.
 */
export async function askMany(
  ask: (question: string) => Promise<{ answer: unknown }>,
  file: string,
  sink: { out: (line: string) => void; err: (line: string) => void },
): Promise<number> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  let failed = 0;
  const fail = (code: string, message: string, question?: string) => {
    failed++;
    sink.err(`${file}:${n}: ${message}`);
    const echo = question === undefined ? {} : { question: shorten(question) };
    sink.out(JSON.stringify({ line: n, ...echo, error: { code, message } }));
  };
  for await (const raw of lines) {
    n++;
    const line = n === 1 ? raw.replace(/^\uFEFF/, "") : raw;
    if (!line.trim()) continue;
    const question = parseQuestion(line);
    if (typeof question !== "string") {
      fail("INPUT_UNREADABLE", question.error);
      continue;
    }
    try {
      const { answer } = await ask(question);
      sink.out(JSON.stringify(answer));
    } catch (error) {
      if (!isAppError(error) || error.code !== "QUESTION_INVALID") throw error;
      fail(error.code, error.message, question);
    }
  }
  return failed;
}

function parseQuestion(line: string): string | { error: string } {
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (error) {
    return { error: `not JSON (${describeError(error)}); expected {"question": "…"}` };
  }
  const question = (value as { question?: unknown } | null)?.question;
  return typeof question === "string"
    ? question
    : { error: 'expected a JSON object with a "question" string' };
}

function shorten(text: string): string {
  return text.length <= ECHO_CHARS ? text : `${text.slice(0, ECHO_CHARS)}… (${text.length} characters)`;
}
