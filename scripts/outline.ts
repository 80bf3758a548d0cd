/** `npm run -s outline [-- --json]`: documents, their sections, and one line of each in the report's words. */
import { createApp } from "../src/app.js";
import { outline } from "../src/briefing/outline.js";
import { renderOutlineText } from "../src/briefing/render-text.js";
import { loadSettings } from "../src/config/settings.js";
import { helpText, logToStderr, runCli } from "../src/frontends/cli/run-cli.js";
import { OUTLINE_CLI, parseOutlineArgs } from "../src/frontends/cli/tool-args.js";

runCli(async () => {
  const args = parseOutlineArgs(process.argv.slice(2));
  if (args.help) {
    console.log(helpText(OUTLINE_CLI));
    return;
  }
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    const result = outline(app.answerer().store, { doc: args.doc, line: args.line });
    console.log(args.json ? JSON.stringify(result) : renderOutlineText(result));
  } finally {
    await app.close();
  }
});
