/**
 * Builds racing in separate processes, and builds killed at random points: each time CURRENT must name a
 * complete, valid store. Slow (a process start per build): `npm run test:stress`. RACE_RUNS and KILL_RUNS
 * set the counts (defaults 50 and 20, the figures in the README).
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { tempWorkspace } from "../fixtures/temp-corpus.js";
import {
  buildHere,
  bundleChild,
  fillCorpus,
  liveStore,
  spawnBuild,
  storeFolders,
  touchCorpus,
} from "./harness.js";

const RACE_RUNS = Number(process.env.RACE_RUNS ?? 50);
const KILL_RUNS = Number(process.env.KILL_RUNS ?? 20);
const ws = tempWorkspace();

beforeAll(async () => {
  await bundleChild();
  fillCorpus(ws.corpus, 3);
  await buildHere(ws.corpus, ws.index);
});
afterAll(() => ws.cleanup());

describe("two builds at once", () => {
  it(`leaves CURRENT naming a complete store of the corpus, ${RACE_RUNS} times`, async () => {
    const modes = [[], ["--force"], ["--refresh"]];
    let damaged = 0;
    for (let run = 0; run < RACE_RUNS; run++) {
      touchCorpus(ws.corpus, run);
      const a = spawnBuild(ws.corpus, ws.index, modes[run % 3]);
      const b = spawnBuild(ws.corpus, ws.index, modes[(run + 1) % 3]);
      const results = await Promise.all([a.exit, b.exit]);
      for (const r of results) expect(r.code, r.stderr).toBe(0);
      try {
        liveStore(ws.index);
      } catch {
        damaged++;
      }
      // The live store is the corpus as it is now: a build here has nothing to do.
      expect((await buildHere(ws.corpus, ws.index)).action).toBe("fresh");
      expect(storeFolders(ws.index)).toHaveLength(1);
    }
    console.log(`race: ${RACE_RUNS} runs of two builds, ${damaged} damaged indexes`);
    expect(damaged).toBe(0);
  }, 900_000);
});

describe("a build killed at a random point", () => {
  it(`leaves CURRENT naming a complete store, ${KILL_RUNS} times (normal and --force)`, async () => {
    // How long a build takes from its start line to its exit, to spread the kills over it.
    touchCorpus(ws.corpus, 1000);
    const probe = spawnBuild(ws.corpus, ws.index);
    await probe.started;
    const t0 = performance.now();
    expect((await probe.exit).code).toBe(0);
    const span = performance.now() - t0;
    let lost = 0;
    let killedMidway = 0;
    let recoveryMs = 0;
    for (let run = 0; run < KILL_RUNS; run++) {
      const force = run % 2 === 1;
      if (!force) touchCorpus(ws.corpus, 2000 + run);
      const child = spawnBuild(ws.corpus, ws.index, force ? ["--force"] : []);
      await child.started;
      await new Promise((r) => setTimeout(r, Math.random() * span * 0.8));
      child.process.kill("SIGKILL");
      const exit = await child.exit;
      if (exit.signal === "SIGKILL") killedMidway++;
      try {
        liveStore(ws.index);
      } catch {
        lost++;
      }
      // The next build recovers the dead build's lock at once and serves the corpus as it is.
      const t = performance.now();
      const next = await buildHere(ws.corpus, ws.index);
      recoveryMs = Math.max(recoveryMs, performance.now() - t);
      expect(liveStore(ws.index).manifest.indexVersion).toBe(next.store.manifest.indexVersion);
      // The next build that writes removes the dead build's leftovers.
      await buildHere(ws.corpus, ws.index, true);
      expect(storeFolders(ws.index)).toHaveLength(1);
    }
    console.log(
      `kill: ${KILL_RUNS} builds killed (${killedMidway} before they ended), ${lost} lost indexes, slowest next build ${Math.round(recoveryMs)} ms`,
    );
    expect(lost).toBe(0);
    expect(killedMidway).toBeGreaterThanOrEqual(KILL_RUNS / 4);
  }, 900_000);
});
