/**
 * 👍/👎 feedback as an append-only JSON-lines file. Every press is appended (a crash can lose at most the
 * line being written, never earlier votes); a user's vote on an answer is their latest line for it, so
 * pressing again changes the vote rather than adding one. Readers must resolve with `latestVotes`.
 */
import { appendFile, mkdir, readFile } from "node:fs/promises";
import path from "node:path";
import { z } from "zod";
import type { Answer } from "../../answer/types.js";
import type { Vote } from "./custom-ids.js";

export const feedbackRecordSchema = z.object({
  time: z.string().describe("ISO 8601 time of the press."),
  answerId: z.string().describe("Id of the /ask interaction or mentioning message the answer replied to."),
  userId: z.string(),
  vote: z.enum(["up", "down"]),
  question: z.string(),
  /** Null when the answer was no longer in memory (pressed after a restart); then only the question is known. */
  indexVersion: z.string().nullable(),
  /** `doc:start-end` of each quote shown, best first. */
  quoteIds: z.array(z.string()),
  /** Ids of the passages retrieved, best first. */
  passageIds: z.array(z.string()),
});

export type FeedbackRecord = z.infer<typeof feedbackRecordSchema>;

const key = (r: Pick<FeedbackRecord, "answerId" | "userId">) => `${r.answerId}:${r.userId}`;

/** The identifying parts of an answer, as stored with each vote. */
export function answerIdsOf(
  answer: Answer,
): Pick<FeedbackRecord, "indexVersion" | "quoteIds" | "passageIds"> {
  return {
    indexVersion: answer.index.version,
    quoteIds: answer.quotes.map((q) => `${q.doc}:${q.start}-${q.end}`),
    passageIds: answer.passages.map((p) => p.id),
  };
}

/** Parses a log's text; lines that are not valid records (e.g. one cut short by a crash) are skipped. */
export function parseFeedback(text: string): { records: FeedbackRecord[]; skipped: number } {
  const records: FeedbackRecord[] = [];
  let skipped = 0;
  for (const line of text.split("\n")) {
    if (!line.trim()) continue;
    let parsed;
    try {
      parsed = feedbackRecordSchema.safeParse(JSON.parse(line));
    } catch {
      parsed = undefined;
    }
    if (parsed?.success) records.push(parsed.data);
    else skipped++;
  }
  return { records, skipped };
}

/** One vote per (answer, user): the latest press wins. */
export function latestVotes(records: readonly FeedbackRecord[]): Map<string, FeedbackRecord> {
  const latest = new Map<string, FeedbackRecord>();
  for (const r of records) latest.set(key(r), r);
  return latest;
}

/** 👍 and 👎 per answer id, counting each user's latest vote once. */
export function tally(records: readonly FeedbackRecord[]): Map<string, { up: number; down: number }> {
  const counts = new Map<string, { up: number; down: number }>();
  for (const r of latestVotes(records).values()) {
    const c = counts.get(r.answerId) ?? { up: 0, down: 0 };
    c[r.vote]++;
    counts.set(r.answerId, c);
  }
  return counts;
}

export interface FeedbackLog {
  readonly file: string;
  /** Appends the press; resolves with the vote this user had on this answer before, if any. */
  record(record: FeedbackRecord): Promise<Vote | undefined>;
  /** Every valid press in the file, in order. */
  read(): Promise<FeedbackRecord[]>;
}

export function createFeedbackLog(file: string): FeedbackLog {
  // Latest vote per (answer, user), read from the file once so repeated presses can be recognised.
  let votes: Promise<Map<string, Vote>> | undefined;
  // Appends run one after another so lines never interleave.
  let queue: Promise<unknown> = Promise.resolve();

  const read = async (): Promise<FeedbackRecord[]> => {
    let text: string;
    try {
      text = await readFile(file, "utf8");
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === "ENOENT") return [];
      throw error;
    }
    return parseFeedback(text).records;
  };

  const loadVotes = async () => {
    const map = new Map<string, Vote>();
    for (const [k, r] of latestVotes(await read())) map.set(k, r.vote);
    return map;
  };

  return {
    file,
    read,
    record(record) {
      const parsed = feedbackRecordSchema.parse(record);
      const run = queue.then(async () => {
        votes ??= loadVotes().catch((error: unknown) => {
          votes = undefined; // try the file again on the next press
          throw error;
        });
        const map = await votes;
        const previous = map.get(key(parsed));
        await mkdir(path.dirname(file), { recursive: true });
        await appendFile(file, `${JSON.stringify(parsed)}\n`, "utf8");
        map.set(key(parsed), parsed.vote);
        return previous;
      });
      queue = run.catch(() => undefined);
      return run;
    },
  };
}
