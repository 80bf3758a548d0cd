/** Pure reductions of raw timings into the figures the report prints. */
import type { ProbeLoop, ProbeResult } from "./serve-probe.js";
import { mean, median, round, spread, type Spread } from "./stats.js";

export interface LoopFigures {
  asks: number;
  embed_only_ms: Spread;
  ask_ms: Spread;
  ask_over_embed_p50: number;
  /** Mean of the answerer's own stage timings over the loop. */
  stage_mean_ms: { embed: number; retrieve: number; answer: number };
  /**
   * The same asks with each question's embedding already known (served from memory): the main thread's own
   * work a question, without the model. Set apart from ask_ms less embed_only_ms, it shows how much of the
   * difference is work and how much is waiting for, or slowing, the model's threads.
   */
  main_thread_ask_ms?: Spread;
  /** The question's embedding as an ask needs it (vector and token vectors), nothing else running. */
  question_embedding_ms?: Spread;
}

export interface StartupBreakdown {
  /** Node and the tsx loader, up to the first line of the entry script. */
  boot: number;
  imports: number;
  model_load: number;
  index_load: number;
  first_ask: number;
}

export function loopFigures(loop: ProbeLoop): LoopFigures {
  const embedOnly = spread(loop.embedOnlyMs);
  const ask = spread(loop.askMs);
  return {
    asks: loop.askMs.length,
    embed_only_ms: roundSpread(embedOnly),
    ask_ms: roundSpread(ask),
    ask_over_embed_p50: round(ask.p50 / embedOnly.p50, 3),
    stage_mean_ms: {
      embed: round(mean(loop.embedMs), 3),
      retrieve: round(mean(loop.retrieveMs), 3),
      answer: round(mean(loop.answerMs), 3),
    },
    ...(loop.mainThreadMs?.length ? { main_thread_ask_ms: roundSpread(spread(loop.mainThreadMs)) } : {}),
    ...(loop.questionEmbeddingMs?.length
      ? { question_embedding_ms: roundSpread(spread(loop.questionEmbeddingMs)) }
      : {}),
  };
}

/** The median duration of each start-up stage over several fresh processes. */
export function startupBreakdown(probes: readonly ProbeResult[]): StartupBreakdown {
  const stage = (f: (p: ProbeResult) => number) => round(median(probes.map(f)), 1);
  return {
    boot: stage((p) => p.at.boot),
    imports: stage((p) => p.at.imports - p.at.boot),
    model_load: stage((p) => p.at.model - p.at.imports),
    index_load: stage((p) => p.at.index - p.at.model),
    first_ask: stage((p) => p.at.firstAnswer - p.at.index),
  };
}

function roundSpread(s: Spread): Spread {
  return { p50: round(s.p50, 3), p95: round(s.p95, 3) };
}
