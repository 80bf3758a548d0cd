/** `npm run -s brief -- [--json] [--doc <file>] "<section or topic>"`: an extractive briefing, cited. */
import { createApp } from "../src/app.js";
import { brief } from "../src/briefing/brief.js";
import { renderBriefingText } from "../src/briefing/render-text.js";
import { loadSettings } from "../src/config/settings.js";
import { helpText, logToStderr, runCli } from "../src/frontends/cli/run-cli.js";
import { BRIEF_CLI, parseBriefArgs } from "../src/frontends/cli/tool-args.js";
import { documentTitles } from "../src/shelf/documents.js";

runCli(async () => {
  const args = parseBriefArgs(process.argv.slice(2));
  if (args.help) {
    console.log(helpText(BRIEF_CLI));
    return;
  }
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    const store = app.answerer().store;
    const briefing = brief(store, args.topic ?? "", { doc: args.doc, maxWords: args.words });
    console.log(args.json ? JSON.stringify(briefing) : renderBriefingText(briefing, documentTitles(store)));
  } finally {
    await app.close();
  }
});
