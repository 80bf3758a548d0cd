import { renderAnswerText } from "./answer-text.js";
import { createApp, type App } from "../../app.js";
import { loadSettings } from "../../config/settings.js";
import { documentsInScope } from "../../shelf/documents.js";
import { titlesOf } from "../shared/report-view.js";
import { ASK_CLI, ASK_USAGE, parseAskArgs } from "./ask-args.js";
import { askMany } from "./ask-jsonl.js";
import { checkInputFile, helpText, logToStderr, runCli } from "./run-cli.js";

runCli(async () => {
  const args = parseAskArgs(process.argv.slice(2));
  if (args.help) {
    console.log(helpText(ASK_CLI));
    return;
  }
  if (args.jsonl) checkInputFile(args.jsonl, ASK_USAGE); // before loading the model
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    if (args.jsonl) {
      checkDoc(app, args.doc);
      const failed = await askMany((q) => app.answerer().ask(q, { doc: args.doc }), args.jsonl, {
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

async function askOne(app: App, question: string, json: boolean, doc: string | undefined): Promise<void> {
  const answerer = app.answerer();
  checkDoc(app, doc);
  const { answer } = await answerer.ask(question, { doc });
  if (json) console.log(JSON.stringify(answer));
  else console.log(renderAnswerText(answer, titlesOf(answerer.store)));
}

/** The one "is this document indexed?" check (DOC_UNKNOWN, exit 2 like any bad argument), before asking. */
function checkDoc(app: App, doc: string | undefined): void {
  documentsInScope(app.answerer().store, doc);
}
