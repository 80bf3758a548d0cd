/** `npm run web`: the web page alone, over the same engine and index as the chat and the bot. */
import { createApp } from "../../app.js";
import { loadSettings } from "../../config/settings.js";
import { logToStderr, runCli } from "../cli/run-cli.js";
import { checkWebSettings, startWeb } from "./listen.js";

const SIGNALS = ["SIGINT", "SIGTERM"] as const;

runCli(async () => {
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
