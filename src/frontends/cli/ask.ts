import { accessSync, constants, statSync } from "node:fs";
import { renderAnswerText } from "./answer-text.js";
import { createApp, type App } from "../../app.js";
import { loadSettings } from "../../config/settings.js";
import { AppError, describeError } from "../../errors.js";
import { titlesOf } from "../shared/report-view.js";
import { ASK_USAGE, parseAskArgs } from "./ask-args.js";
import { askMany } from "./ask-jsonl.js";
import { logToStderr, runCli, usageError } from "./run-cli.js";

runCli(async () => {
  const args = parseAskArgs(process.argv.slice(2));
  if (args.help) {
    console.log(`Usage: ${ASK_USAGE}`);
    return;
  }
  if (args.jsonl) checkQuestionFile(args.jsonl); // before loading the model
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    if (args.jsonl) {
      const failed = await askMany((q) => app.answerer().ask(q), args.jsonl, {
        out: (line) => console.log(line),
        err: logToStderr,
      });
      if (failed > 0) {
        logToStderr(
          `${failed} line${failed === 1 ? "" : "s"} of ${args.jsonl} could not be answered (see above).`,
        );
        process.exitCode = 1;
      }
    } else await askOne(app, args.question ?? "", args.json, args.doc);
  } finally {
    await app.close();
  }
});

/** A missing or unreadable question file is the user's to fix: a usage error naming the path. */
function checkQuestionFile(file: string): void {
  try {
    if (statSync(file).isDirectory()) throw new Error("it is a folder");
    accessSync(file, constants.R_OK);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === "ENOENT" ? "no such file" : describeError(error);
    throw usageError(`Could not read the question file ${file}: ${why}.`, ASK_USAGE);
  }
}

async function askOne(app: App, question: string, json: boolean, doc: string | undefined): Promise<void> {
  const answerer = app.answerer();
  checkDoc(app, doc);
  const { answer } = await answerer.ask(question, { doc });
  if (json) console.log(JSON.stringify(answer));
  else console.log(renderAnswerText(answer, titlesOf(answerer.store)));
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
