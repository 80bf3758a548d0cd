/** `npm run index`: builds or refreshes the index and says what it did. */
import { createEmbedder, indexCorpus } from "../src/app.js";
import { loadSettings } from "../src/config/settings.js";
import { helpText, logToStderr, parseCli, runCli, type CliSpec } from "../src/frontends/cli/run-cli.js";

const CLI: CliSpec = {
  usage: "npm run -s index [-- --force]",
  about:
    "Builds or refreshes the index of corpus/: new and changed documents are embedded, unchanged ones reused.",
  options: { force: { type: "boolean", help: "Rebuild every document, even unchanged ones." } },
  example: "npm run -s index -- --force",
  positionals: false,
};

runCli(async () => {
  const args = parseCli(process.argv.slice(2), CLI);
  if (args.help) {
    console.log(helpText(CLI));
    return;
  }
  const force = args.values.force === true;
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
