/** `npm run web`: the web page alone, over the same engine and index as the chat and the bot. */
import { createApp } from "../../app.js";
import { loadSettings } from "../../config/settings.js";
import { helpText, logToStderr, parseCli, runCli, type CliSpec } from "../cli/run-cli.js";
import { checkWebSettings, startWeb } from "./listen.js";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

const CLI: CliSpec = {
  usage: "npm run web",
  about:
    "Serves the web page and its JSON API alone (no chat, no bot) on WEB_HOST:WEB_PORT (default " +
    "127.0.0.1:8787); anything but loopback needs WEB_TOKEN. Settings come from the environment.",
  options: {},
  example: "WEB_PORT=8080 npm run web",
  positionals: false,
};

runCli(async () => {
  if (parseCli(process.argv.slice(2), CLI).help) {
    console.log(helpText(CLI));
    return;
  }
  const settings = loadSettings();
  checkWebSettings(settings); // before the model loads, so a bad address fails at once
  const app = await createApp(settings, { log: logToStderr });
  let web;
  try {
    web = await startWeb(app, settings, logToStderr);
  } catch (error) {
    await app.close();
    throw error;
  }
  app.watch((result) => {
    if (result.action !== "fresh")
      logToStderr(`index refreshed: version ${result.store.manifest.indexVersion}`);
  });
  console.log(`Web page: ${web.url}`);
  const running = web;
  await new Promise<void>((resolve) => {
    for (const signal of SIGNALS) process.once(signal, () => resolve());
  });
  await running.close();
  await app.close();
});
