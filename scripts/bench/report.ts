/** The benchmark's result: its JSON shape, the goals checked against it, and the table people read. */
import type { LoopFigures, StartupBreakdown } from "./figures.js";
import type { ProfileSummary } from "./profile.js";
import type { ScaleReport } from "./scale.js";
import type { FrontEndFigures } from "./front-ends.js";

export interface BenchReport extends LoopFigures {
  machine: { cpus: number; cpu: string; node: string; load_avg_start: number[]; load_avg_end: number[] };
  corpus: { docs: number; units: number; sentences: number };
  /** Process start to the first answer of `ask.ts --json`, median of the runs. */
  cold_start_ms: number;
  cold_start_runs_ms: number[];
  /** Stage durations in fresh processes (median of the runs); they sum to about cold_start_ms. */
  cold_start_breakdown_ms: StartupBreakdown;
  index_build_ms: number;
  index_build_runs_ms: number[];
  embedded_texts: number;
  units_per_s: number;
  refresh_unchanged_ms: number;
  refresh_unchanged_runs_ms: number[];
  embed_throughput_per_s: number;
  embed_throughput_runs_per_s: number[];
  /** units_per_s / embed_throughput_per_s. */
  indexing_over_raw: number;
  rss_mb: number;
  /** What the web page and a Chinese question add to an answer (see front-ends.ts). */
  front_ends?: FrontEndFigures;
  scale?: ScaleReport;
  profile?: { single: ProfileSummary; scale?: ProfileSummary };
  goals: Goal[];
  /** Anything that makes a figure of this run suspect. */
  warnings: string[];
  wall_ms: number;
}

export interface Goal {
  goal: string;
  value: number;
  target: string;
  met: boolean;
}

/** The goals of issue 5, as far as this run measured them. */
export function checkGoals(r: Omit<BenchReport, "goals">): Goal[] {
  const goals: Goal[] = [
    {
      goal: "ask_over_embed_p50",
      value: r.ask_over_embed_p50,
      target: "≤ 1.2",
      met: r.ask_over_embed_p50 <= 1.2,
    },
    { goal: "cold_start_ms", value: r.cold_start_ms, target: "≤ 1500", met: r.cold_start_ms <= 1500 },
    {
      goal: "refresh_unchanged_ms",
      value: r.refresh_unchanged_ms,
      target: "≤ 300",
      met: r.refresh_unchanged_ms <= 300,
    },
    {
      goal: "indexing_over_raw",
      value: r.indexing_over_raw,
      target: "≥ 0.8",
      met: r.indexing_over_raw >= 0.8,
    },
  ];
  const f = r.front_ends;
  if (f) {
    goals.push(
      {
        goal: "zh_over_en_p50 (issue 14)",
        value: f.zh_over_en_p50,
        target: "≤ 2",
        met: f.zh_over_en_p50 <= 2,
      },
      {
        goal: "api_minus_engine_p50_ms (issue 12)",
        value: f.api_minus_engine_p50_ms,
        target: "≤ 5",
        met: f.api_minus_engine_p50_ms <= 5,
      },
    );
  }
  const s = r.scale;
  if (s) {
    const ratio = s.ask_p95_ms / r.ask_ms.p95;
    goals.push(
      { goal: "scale ask_p95 / single ask_p95", value: round3(ratio), target: "≤ 3", met: ratio <= 3 },
      {
        goal: "scale hnsw_recall_at_10",
        value: s.hnsw_recall_at_10,
        target: "≥ 0.99",
        met: s.hnsw_recall_at_10 >= 0.99,
      },
      { goal: "scale rss_mb", value: s.rss_mb, target: "≤ 1024", met: s.rss_mb <= 1024 },
    );
  }
  return goals;
}

const round3 = (x: number) => Math.round(x * 1000) / 1000;

export function formatTable(r: BenchReport): string {
  const rows: [string, string][] = [];
  const section = (title: string) => rows.push([`— ${title}`, ""]);
  const row = (label: string, value: string) => rows.push([`  ${label}`, value]);
  const ms = (x: number) => `${x} ms`;
  const b = r.cold_start_breakdown_ms;
  section(
    `single report: ${r.corpus.docs} document, ${r.corpus.units} units, ${r.corpus.sentences} sentences`,
  );
  row("cold_start_ms (median; runs)", `${ms(r.cold_start_ms)}  (${r.cold_start_runs_ms.join(", ")})`);
  row(
    "  boot / imports / model / index / first ask",
    `${b.boot} / ${b.imports} / ${b.model_load} / ${b.index_load} / ${b.first_ask} ms`,
  );
  row("index_build_ms (median; runs)", `${ms(r.index_build_ms)}  (${r.index_build_runs_ms.join(", ")})`);
  row("units_per_s (units + sentences embedded / s)", `${r.units_per_s}  (${r.embedded_texts} texts)`);
  row(
    "embed_throughput_per_s (raw, one call)",
    `${r.embed_throughput_per_s}  (${r.embed_throughput_runs_per_s.join(", ")})`,
  );
  row("indexing_over_raw", String(r.indexing_over_raw));
  row(
    "refresh_unchanged_ms (median)",
    `${ms(r.refresh_unchanged_ms)}  (${r.refresh_unchanged_runs_ms.join(", ")})`,
  );
  loopRows(r, row);
  row("rss_mb after warm-up", String(r.rss_mb));
  const f = r.front_ends;
  if (f) {
    section(`front ends (${f.asks} questions each way, in turn)`);
    row("engine ask / GET /api/ask p50", `${ms(f.engine_ask_p50_ms)} / ${ms(f.api_ask_p50_ms)}`);
    row("api_minus_engine_p50_ms (per question)", ms(f.api_minus_engine_p50_ms));
    row("Chinese / English gloss ask p50", `${ms(f.zh_ask_p50_ms)} / ${ms(f.en_ask_p50_ms)}`);
    row("zh_over_en_p50", String(f.zh_over_en_p50));
  }
  if (r.scale) scaleRows(r.scale, section, row);
  section("goals (issue 5)");
  for (const g of r.goals) row(g.goal, `${g.value}  target ${g.target}  ${g.met ? "met" : "NOT met"}`);
  if (r.profile) {
    profileRows("profile of the per-question loop (self time)", r.profile.single, section, row);
    if (r.profile.scale) profileRows("profile at scale (self time)", r.profile.scale, section, row);
  }
  if (r.warnings.length > 0) {
    section("warnings");
    for (const w of r.warnings) row(w, "");
  }
  section(`machine: ${r.machine.cpus} × ${r.machine.cpu}, Node ${r.machine.node}`);
  row(
    "load average at start / end",
    `${r.machine.load_avg_start.join(" ")} / ${r.machine.load_avg_end.join(" ")}`,
  );
  row("wall time", `${(r.wall_ms / 1000).toFixed(1)} s`);
  // Long labels (function names) do not widen the column: their value follows after two spaces.
  const width = Math.min(56, Math.max(...rows.filter(([, v]) => v).map(([label]) => label.length))) + 2;
  const cell = (label: string) => (label.length + 2 > width ? `${label}  ` : label.padEnd(width));
  return rows.map(([label, value]) => (value ? cell(label) + value : label)).join("\n");
}

type Row = (label: string, value: string) => void;

function loopRows(f: LoopFigures, row: Row): void {
  row(`embed_only_ms p50 / p95 (${f.asks} asks)`, `${f.embed_only_ms.p50} / ${f.embed_only_ms.p95}`);
  row("ask_ms p50 / p95", `${f.ask_ms.p50} / ${f.ask_ms.p95}`);
  row("ask_over_embed_p50", String(f.ask_over_embed_p50));
  const m = f.stage_mean_ms;
  row("mean stage ms: embed / retrieve / answer", `${m.embed} / ${m.retrieve} / ${m.answer}`);
  const main = f.main_thread_ask_ms;
  if (main) row("main-thread ask ms p50 / p95 (embedding known)", `${main.p50} / ${main.p95}`);
  const model = f.question_embedding_ms;
  if (model) row("question embedding ms p50 / p95 (with tokens)", `${model.p50} / ${model.p95}`);
}

function scaleRows(s: ScaleReport, section: (t: string) => void, row: Row): void {
  section(`scale: ${s.docs} generated documents, ${s.units} units, ${s.sentences} sentences`);
  row("build_ms", `${s.build_ms} ms  (${(s.build_ms / 60000).toFixed(1)} min)`);
  row("units_per_s / raw embed_throughput_per_s", `${s.units_per_s} / ${s.embed_throughput_per_s}`);
  row("index_bytes", `${s.index_bytes}  (${(s.index_bytes / 2 ** 20).toFixed(1)} MiB)`);
  row("refresh_unchanged_ms", String(s.refresh_unchanged_ms));
  const b = s.start_up_ms;
  row(
    "start-up: imports / model / index / first ask",
    `${b.imports} / ${b.model_load} / ${b.index_load} / ${b.first_ask} ms`,
  );
  loopRows(s, row);
  row("rss_mb after warm-up", String(s.rss_mb));
  row(
    `hnsw_recall_at_10 (ties counted; ${s.recall_queries} queries)`,
    `${s.hnsw_recall_at_10}  (ids only: ${s.hnsw_id_recall_at_10})`,
  );
  row(
    "brute_force_ms_p50 / hnsw_ms_p50",
    `${s.brute_force_ms_p50} / ${s.hnsw_ms_p50}  (speed-up ×${s.speedup})`,
  );
}

function profileRows(title: string, p: ProfileSummary, section: (t: string) => void, row: Row): void {
  section(`${title}: ${p.total_ms} ms sampled`);
  for (const part of p.parts.slice(0, 8)) row(part.part, `${part.ms} ms  ${(part.share * 100).toFixed(1)} %`);
  row("top functions:", "");
  for (const f of p.top_self.slice(0, 10)) row(`  ${f.fn}`, `${f.ms} ms  ${(f.share * 100).toFixed(1)} %`);
}
