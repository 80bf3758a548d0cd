import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import { createReadStream } from "node:fs";
import { renderAnswerText } from "../../answer/render-text.js";
import { createApp, type App } from "../../app.js";
import { loadSettings } from "../../config/settings.js";
import { AppError, describeError, isAppError } from "../../errors.js";
import { titlesOf } from "../shared/report-view.js";
import { ASK_USAGE, parseAskArgs } from "./ask-args.js";
import { logToStderr, runCli } from "./run-cli.js";

runCli(async () => {
  const args = parseAskArgs(process.argv.slice(2));
  if (args.help) {
    console.log(`Usage: ${ASK_USAGE}`);
    return;
  }
  if (args.jsonl) readFileSync(args.jsonl); // fail on an unreadable file before loading the model
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    if (args.jsonl) await askMany(app, args.jsonl);
    else await askOne(app, args.question ?? "", args.json, args.doc);
  } finally {
    await app.close();
  }
});

async function askOne(app: App, question: string, json: boolean, doc: string | undefined): Promise<void> {
  const answerer = app.answerer();
  checkDoc(app, doc);
  const { answer } = await answerer.ask(question, { doc });
  if (json) console.log(JSON.stringify(answer));
  else console.log(renderAnswerText(answer, titlesOf(answerer.store)));
}

async function askMany(app: App, file: string): Promise<void> {
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  let n = 0;
  for await (const line of lines) {
    n++;
    if (!line.trim()) continue;
    let question: unknown;
    try {
      question = (JSON.parse(line) as { question?: unknown }).question;
    } catch (error) {
      throw new AppError("INPUT_UNREADABLE", `${file}:${n} is not JSON: ${describeError(error)}.`, {
        hint: 'Each line must be a JSON object with a "question" field.',
      });
    }
    if (typeof question !== "string") {
      throw new AppError("INPUT_UNREADABLE", `${file}:${n} has no "question" string.`, {
        hint: 'Each line must be a JSON object with a "question" field.',
      });
    }
    try {
      const { answer } = await app.answerer().ask(question);
      console.log(JSON.stringify(answer));
    } catch (error) {
      if (!isAppError(error) || error.code !== "QUESTION_INVALID") throw error;
      console.log(JSON.stringify({ question, error: { code: error.code, message: error.message } }));
    }
  }
}

function checkDoc(app: App, doc: string | undefined): void {
  if (!doc) return;
  const docs = app.answerer().store.manifest.documents.map((d) => d.path);
  if (!docs.includes(doc)) {
    throw new AppError("CLI_USAGE", `--doc ${doc} is not in the index.`, {
      hint: `Known documents: ${docs.join(", ")}.`,
    });
  }
}
