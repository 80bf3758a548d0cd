import { mkdirSync, mkdtempSync, rmSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it, vi } from "vitest";
import { isStaleBuild, warnIfStaleBuild } from "../../../src/frontends/cli/stale-build.js";

/** A project root with one bundle built at `builtMs` and one source file last changed at `changedMs`. */
function project(sourceName: string, builtMs: number, changedMs: number): string {
  const root = mkdtempSync(path.join(tmpdir(), "stale-build-"));
  mkdirSync(path.join(root, "dist"));
  mkdirSync(path.join(root, "src", "answer"), { recursive: true });
  writeFileSync(path.join(root, "dist", "ask.mjs"), "");
  writeFileSync(path.join(root, "dist", "build-info.json"), JSON.stringify({ newestSourceMs: builtMs }));
  const source = path.join(root, "src", "answer", sourceName);
  writeFileSync(source, "{}");
  utimesSync(source, changedMs / 1000, changedMs / 1000);
  return root;
}

const bundle = (root: string): string => pathToFileURL(path.join(root, "dist", "ask.mjs")).href;

describe("warnIfStaleBuild", () => {
  afterEach(() => vi.restoreAllMocks());
  const built = Date.UTC(2026, 0, 2);

  it("warns when a fitted JSON file the bundles embed changed after the build", () => {
    const warn = vi.spyOn(console, "error").mockImplementation(() => undefined);
    warnIfStaleBuild(bundle(project("answer-model.json", built, built + 60_000)));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining("npm run build"));
  });

  it("tells a stale build, or none, from a fresh one", () => {
    expect(isStaleBuild(project("answer-model.json", built, built + 60_000))).toBe(true);
    expect(isStaleBuild(project("answerer.ts", built, built - 60_000))).toBe(false);
    const unbuilt = project("answerer.ts", built, built - 60_000);
    rmSync(path.join(unbuilt, "dist", "build-info.json"));
    expect(isStaleBuild(unbuilt)).toBe(true);
  });

  it("stays quiet when nothing changed after the build", () => {
    const warn = vi.spyOn(console, "error").mockImplementation(() => undefined);
    warnIfStaleBuild(bundle(project("answerer.ts", built, built - 60_000)));
    expect(warn).not.toHaveBeenCalled();
  });
});
