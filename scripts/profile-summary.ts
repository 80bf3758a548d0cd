/**
 * `npx tsx scripts/profile-summary.ts <file.cpuprofile>... [--top N]`: self time per part and the top functions of
 * V8 CPU profiles, e.g. from `node --cpu-prof` or `npm run -s bench -- --profile DIR`.
 */
import { readFileSync } from "node:fs";
import { parseArgs } from "node:util";
import { summariseProfile, type CpuProfile } from "./bench/profile.js";
import { describeError } from "../src/errors.js";
import { runCli, usageError } from "../src/frontends/cli/run-cli.js";

const USAGE = "npx tsx scripts/profile-summary.ts <file.cpuprofile>... [--top N]";

runCli(async () => {
  let parsed;
  try {
    parsed = parseArgs({ allowPositionals: true, options: { top: { type: "string", default: "15" } } });
  } catch (error) {
    throw usageError(describeError(error), USAGE);
  }
  if (parsed.positionals.length === 0) throw usageError("Expected at least one .cpuprofile file.", USAGE);
  const top = Number(parsed.values.top);
  for (const file of parsed.positionals) {
    const s = summariseProfile(JSON.parse(readFileSync(file, "utf8")) as CpuProfile, top);
    console.log(`${file}: ${s.total_ms} ms sampled`);
    for (const p of s.parts) console.log(`  ${pct(p.share)}  ${p.ms.toFixed(1).padStart(9)} ms  ${p.part}`);
    console.log("  top functions by self time:");
    for (const f of s.top_self) console.log(`  ${pct(f.share)}  ${f.ms.toFixed(1).padStart(9)} ms  ${f.fn}`);
  }
});

function pct(share: number): string {
  return `${(share * 100).toFixed(1).padStart(5)} %`;
}
