import { describe, expect, it } from "vitest";
import { loopFigures, startupBreakdown } from "../../../scripts/bench/figures.js";
import { summariseProfile, type CpuProfile } from "../../../scripts/bench/profile.js";
import type { ProbeResult } from "../../../scripts/bench/serve-probe.js";

describe("loopFigures", () => {
  it("gives p50/p95 of both timings, their ratio and the stage means", () => {
    const f = loopFigures({
      embedOnlyMs: [2, 2, 2, 2],
      askMs: [3, 3, 3, 3],
      embedMs: [2, 2, 2, 2],
      retrieveMs: [0.5, 0.5, 0.5, 0.5],
      answerMs: [0.1, 0.3, 0.1, 0.3],
    });
    expect(f.asks).toBe(4);
    expect(f.embed_only_ms).toEqual({ p50: 2, p95: 2 });
    expect(f.ask_over_embed_p50).toBe(1.5);
    expect(f.stage_mean_ms).toEqual({ embed: 2, retrieve: 0.5, answer: 0.2 });
    expect(f.main_thread_ask_ms).toBeUndefined();
  });

  it("gives the main thread's own time when the loop measured it", () => {
    const same = [1, 1, 1, 1];
    const f = loopFigures({
      embedOnlyMs: same,
      askMs: same,
      embedMs: same,
      retrieveMs: same,
      answerMs: same,
      mainThreadMs: [0.5, 0.7, 0.6, 0.6],
    });
    expect(f.main_thread_ask_ms?.p50).toBeCloseTo(0.6, 3);
  });
});

describe("startupBreakdown", () => {
  it("turns stage end times into median stage durations", () => {
    const probe = (boot: number): ProbeResult => ({
      at: { boot, imports: boot + 100, model: boot + 300, index: boot + 310, firstAnswer: boot + 320 },
      indexAction: "fresh",
      rssMbAfterFirstAnswer: 1,
    });
    expect(startupBreakdown([probe(50), probe(70), probe(60)])).toEqual({
      boot: 60,
      imports: 100,
      model_load: 200,
      index_load: 10,
      first_ask: 10,
    });
  });
});

describe("summariseProfile", () => {
  const frame = (functionName: string, url = "", lineNumber = 0) => ({ functionName, url, lineNumber });
  const profile: CpuProfile = {
    nodes: [
      { id: 1, callFrame: frame("(root)"), children: [2, 4, 5] },
      {
        id: 2,
        callFrame: frame("run", "file:///x/node_modules/onnxruntime-node/dist/backend.js", 114),
        children: [3],
      },
      // A native function, misnamed by V8 as it sometimes is: charged to its JavaScript caller.
      { id: 3, callFrame: frame("readIndexSync") },
      { id: 4, callFrame: frame("dot", "file:///x/src/retrieval/dense.ts", 9) },
      { id: 5, callFrame: frame("(garbage collector)") },
    ],
    samples: [3, 3, 3, 4, 5],
    timeDeltas: [1000, 1000, 1000, 500, 500],
  };

  it("sums self time per part and per function, best first", () => {
    const s = summariseProfile(profile);
    expect(s.total_ms).toBe(4);
    expect(s.parts).toEqual([
      { part: "onnxruntime-node (native)", ms: 3, share: 0.75 },
      { part: "engine src/retrieval", ms: 0.5, share: 0.125 },
      { part: "garbage collector", ms: 0.5, share: 0.125 },
    ]);
    expect(s.top_self[0]?.fn).toBe(
      "native code under run node_modules/onnxruntime-node/dist/backend.js:115:1",
    );
    expect(s.top_self[1]?.fn).toBe("dot src/retrieval/dense.ts:10:1");
  });
});
