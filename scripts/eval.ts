/**
 * `npm run -s eval -- [--json] [--verbose] [--corpus <dir>] <questions.jsonl>`: scores the engine on a question
 * file, in the report sets' layout or SQuAD's (see ../shared/eval/README.md and squad-dev/README.md).
 */
import { createHash } from "node:crypto";
import { readFileSync } from "node:fs";
import path from "node:path";
import { createApp } from "../src/app.js";
import type { Answer } from "../src/answer/types.js";
import { loadSettings } from "../src/config/settings.js";
import { classifyMessage } from "../src/conversation/classify.js";
import { scoreRow, summarise, type EvalRow } from "../src/eval/metrics.js";
import { readItems } from "../src/eval/read-items.js";
import { printReport } from "./eval/print-report.js";
import {
  checkInputFile,
  helpText,
  logToStderr,
  parseCli,
  runCli,
  usageError,
  type CliSpec,
} from "../src/frontends/cli/run-cli.js";

const USAGE = "npm run -s eval -- [--json] [--verbose] [--corpus <dir>] <questions.jsonl>";
const CLI: CliSpec = {
  usage: USAGE,
  about:
    "Scores the answers on a JSON-lines question file (the report sets' layout or SQuAD's): answered, " +
    "abstained, correct quotes, verbatim checks.",
  options: {
    json: { type: "boolean", help: "Print the report as one JSON object." },
    verbose: { type: "boolean", help: "Also print each question's outcome." },
    corpus: {
      type: "string",
      value: "<dir>",
      help: "Answer from this folder of documents (its own index, beside the default one).",
    },
  },
  example:
    "npm run -s eval -- --corpus ../shared/eval/squad-dev/corpus ../shared/eval/squad-dev/questions.jsonl",
  positionals: true,
};

runCli(async () => {
  const parsed = parseCli(process.argv.slice(2), CLI);
  if (parsed.help) {
    console.log(helpText(CLI));
    return;
  }
  const file = parsed.positionals[0];
  if (!file || parsed.positionals.length > 1) throw usageError("Expected one question file.", USAGE);
  checkInputFile(file, USAGE); // before loading the model
  const items = readItems(file);
  const settings = corpusSettings(parsed.values.corpus as string | undefined);
  const app = await createApp(settings, { log: logToStderr });
  const answerer = app.answerer();
  const texts = answerer.store.texts;
  const rows: EvalRow[] = [];
  const verbatim = (q: { doc: string; start: number; end: number; text: string }) =>
    verbatimOnDisk(settings.CORPUS_DIR, q, texts);
  for (const item of items) {
    // Each question is the first message of a fresh chat: the classifier every front end asks decides
    // whether it reaches the answerer ("can you tell me more?" with nothing before it is not quoted).
    const asked = firstMessageQuestion(item.question, (text) => app.translates(text));
    if (asked === null) {
      rows.push(scoreRow(item, notAsked(item.question, answerer.store.manifest.indexVersion), [], verbatim));
      continue;
    }
    const result = await answerer.ask(asked);
    rows.push(scoreRow(item, result.answer, result.candidateQuotes, verbatim));
  }
  await app.close();
  const report = summarise(rows);
  if (parsed.values.json) console.log(JSON.stringify(report));
  else printReport(report, rows, parsed.values.verbose === true);
});

/** The text the answerer is asked, or null when a chat would reply without quoting (help, a bare follow-up). */
function firstMessageQuestion(text: string, translates: (text: string) => boolean): string | null {
  const kind = classifyMessage(text, { translates });
  if (kind.kind === "question") return kind.text;
  // With no previous question, "and the budget?" is asked as typed (as the chat does).
  if (kind.kind === "follow-up" && kind.follow.type === "topic") return text.trim();
  return null;
}

function notAsked(question: string, version: string): Answer {
  return { question, answered: false, confidence: 0, quotes: [], passages: [], index: { version } };
}

/** Another corpus gets its own index folder beside the default one, so the report's index is left alone. */
function corpusSettings(corpus: string | undefined) {
  const settings = loadSettings();
  if (!corpus) return settings;
  const key = createHash("sha256").update(path.resolve(corpus)).digest("hex").slice(0, 10);
  return { ...settings, CORPUS_DIR: corpus, INDEX_DIR: path.join(settings.INDEX_DIR, `eval-${key}`) };
}

/** Checked against the file on disk, not the index, so an index bug cannot hide a non-verbatim quote. */
function verbatimOnDisk(
  corpusDir: string,
  q: { doc: string; start: number; end: number; text: string },
  cache: Record<string, string>,
): boolean {
  const text = (cache[`disk:${q.doc}`] ??= readFileSync(path.join(corpusDir, q.doc), "utf8"));
  return text.slice(q.start, q.end) === q.text;
}
