/** `npm run -s quote -- [--json] [--doc <file>] "<phrase>"`: every occurrence of a phrase, exact ones first. */
import { createApp } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { helpText, logToStderr, runCli } from "../src/frontends/cli/run-cli.js";
import { parseQuoteArgs, QUOTE_CLI } from "../src/frontends/cli/tool-args.js";
import { documentTitles } from "../src/shelf/documents.js";
import { findQuotes } from "../src/wording/find-quotes.js";
import { renderQuotesText } from "../src/wording/render-text.js";

runCli(async () => {
  // Arguments are checked before the index and model load, so a typo fails at once.
  const args = parseQuoteArgs(process.argv.slice(2));
  if (args.help) {
    console.log(helpText(QUOTE_CLI));
    return;
  }
  const phrase = args.phrase ?? "";
  const app = await createApp(loadSettings(), { log: logToStderr });
  try {
    const store = app.answerer().store;
    const hits = findQuotes(store, phrase, { doc: args.doc, maxHits: args.max });
    console.log(
      args.json ? JSON.stringify({ phrase, hits }) : renderQuotesText(phrase, hits, documentTitles(store)),
    );
  } finally {
    await app.close();
  }
});
