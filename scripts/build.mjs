// Bundles the command-line entry points into dist/ (plain ESM, dependencies left as imports), so that
// `npm start` and `npm run ask` start under plain node: loading the TypeScript loader and letting it read
// the transformers.js bundle cost about a second of every cold start (see README, Performance).
import { readdirSync, statSync, writeFileSync, mkdirSync } from "node:fs";
import path from "node:path";
import { build } from "esbuild";

// The bundles embed JSON from src/ (the fitted answer model), so a refit makes them stale too.
const BUILD_INPUT = /\.(ts|json)$/;

const root = path.resolve(import.meta.dirname, "..");
const entries = {
  ask: "src/frontends/cli/ask.ts",
  start: "src/frontends/cli/start.ts",
  web: "src/frontends/web/main.ts",
  "build-index": "scripts/build-index.ts",
  eval: "scripts/eval.ts",
  quote: "scripts/quote.ts",
  brief: "scripts/brief.ts",
  outline: "scripts/outline.ts",
  "register-commands": "scripts/register-commands.ts",
  "fetch-model": "scripts/fetch-model.ts",
  // The model's worker thread, started from the bundles above as dist/embed-worker.mjs (worker-channel.ts).
  "embed-worker": "src/embedding/embed-worker.ts",
};

await build({
  absWorkingDir: root,
  entryPoints: Object.fromEntries(Object.entries(entries).map(([name, file]) => [name, file])),
  outdir: "dist",
  outExtension: { ".js": ".mjs" },
  bundle: true,
  platform: "node",
  target: "node20",
  format: "esm",
  packages: "external",
  sourcemap: "linked",
  logLevel: "warning",
});

// What the bundles were built from, so a run can warn when src/ changed since (see stale-build.ts).
mkdirSync(path.join(root, "dist"), { recursive: true });
writeFileSync(
  path.join(root, "dist", "build-info.json"),
  JSON.stringify({ newestSourceMs: newestMtime(root) }),
);

function newestMtime(dir) {
  let newest = 0;
  for (const top of ["src", "scripts"]) {
    const walk = (d) => {
      for (const e of readdirSync(d, { withFileTypes: true })) {
        const p = path.join(d, e.name);
        if (e.isDirectory()) walk(p);
        else if (BUILD_INPUT.test(p)) newest = Math.max(newest, statSync(p).mtimeMs);
      }
    };
    walk(path.join(dir, top));
  }
  return newest;
}
