/** `npm run index`: builds or refreshes the index and says what it did. */
import { createEmbedder, indexCorpus } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { logToStderr, runCli } from "../src/frontends/cli/run-cli.js";

runCli(async () => {
  const force = process.argv.includes("--force");
  const settings = loadSettings();
  const embedder = await createEmbedder(settings, logToStderr);
  try {
    const r = await indexCorpus(settings, embedder, { log: logToStderr, force });
    const d = r.documents;
    console.log(
      `index ${r.action}: ${d.total} documents (${d.embedded} embedded, ${d.reused} reused, ${d.removed} removed), ` +
        `${r.store.units.length} passages, ${r.store.sentences.length} sentences, version ${r.store.manifest.indexVersion}, ` +
        `${(r.ms / 1000).toFixed(2)} s`,
    );
    if (r.skipped.length > 0) {
      console.log(`skipped ${r.skipped.length} file${r.skipped.length === 1 ? "" : "s"} (not indexed):`);
      for (const s of r.skipped) console.log(`  ${s.path}: ${s.reason}`);
    }
  } finally {
    await embedder.dispose();
  }
});
