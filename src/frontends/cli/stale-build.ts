import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";

/**
 * When running from dist/, says so on stderr if a source file changed after the bundles were built: the
 * command would otherwise quietly run yesterday's code. Costs a few milliseconds of stat calls.
 */
export function warnIfStaleBuild(moduleUrl: string): void {
  const file = fileURLToPath(moduleUrl);
  if (path.basename(path.dirname(file)) !== "dist") return;
  const root = path.dirname(path.dirname(file));
  if (!existsSync(path.join(root, "dist", "build-info.json"))) return;
  if (isStaleBuild(root)) {
    console.error("note: src/ changed since the last build; run `npm run build` to use the changes.");
  }
}

/** Whether the bundles in `root`/dist are missing or older than a source they were built from. */
export function isStaleBuild(root: string): boolean {
  const info = path.join(root, "dist", "build-info.json");
  if (!existsSync(info)) return true;
  const built = (JSON.parse(readFileSync(info, "utf8")) as { newestSourceMs?: number }).newestSourceMs ?? 0;
  return newestSource(root) > built;
}

/** The bundles embed JSON from src/ (the fitted answer model, the token projection), so a refit is a change too. */
const BUILD_INPUT = /\.(ts|json)$/;

function newestSource(root: string): number {
  let newest = 0;
  const walk = (dir: string): void => {
    if (!existsSync(dir)) return;
    for (const e of readdirSync(dir, { withFileTypes: true })) {
      const p = path.join(dir, e.name);
      if (e.isDirectory()) walk(p);
      else if (BUILD_INPUT.test(p)) newest = Math.max(newest, statSync(p).mtimeMs);
    }
  };
  walk(path.join(root, "src"));
  walk(path.join(root, "scripts"));
  return newest;
}
