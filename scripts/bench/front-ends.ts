import { readFileSync } from "node:fs";
import path from "node:path";
import { createApp } from "../../src/app.js";
import type { Settings } from "../../src/config/settings.js";
import { createWebServer } from "../../src/frontends/web/server.js";
import { REPO_ROOT } from "./questions.js";
import { median, round } from "./stats.js";

/** Chinese questions with their English glosses, written for the report (in the repository, not ../shared). */
const ZH_SETS = ["zh-holdout-questions.jsonl", "zh-holdout2-questions.jsonl"];

export interface FrontEndFigures {
  asks: number;
  /** The engine's own ask and `GET /api/ask` over a socket on 127.0.0.1, on the same questions in turn. */
  engine_ask_p50_ms: number;
  api_ask_p50_ms: number;
  api_minus_engine_p50_ms: number;
  /** A Chinese question (translated, then answered) and its English gloss, in turn. */
  zh_ask_p50_ms: number;
  en_ask_p50_ms: number;
  zh_over_en_p50: number;
}

function zhPairs(): { zh: string; en: string }[] {
  return ZH_SETS.flatMap((file) =>
    readFileSync(path.join(REPO_ROOT, "test/fixtures", file), "utf8")
      .split("\n")
      .filter((l) => l.trim())
      .map((l) => JSON.parse(l) as { question: string; en?: string })
      .filter((q) => q.en)
      .map((q) => ({ zh: q.question, en: q.en as string })),
  );
}

/**
 * What the web page and a Chinese question add to an English answer, measured in one process over the
 * bench's index: each pair of timings is taken back to back, alternating which goes first.
 */
export async function measureFrontEnds(
  settings: Settings,
  questions: readonly string[],
  asks: number,
): Promise<FrontEndFigures> {
  const app = await createApp(settings);
  const server = createWebServer({ engine: app, rateLimit: { count: asks * 10, windowMs: 60_000 } });
  try {
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    const base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    const api = async (q: string) => {
      const res = await fetch(`${base}/api/ask?q=${encodeURIComponent(q)}`);
      await res.text();
      if (!res.ok) throw new Error(`/api/ask answered ${res.status} for "${q}"`);
    };
    const engine = (q: string) => app.answerer().ask(q);
    const pairs = zhPairs();
    // Warm-up: the model, the HTTP connection, and the Chinese dictionary (loaded on the first question).
    for (const q of questions.slice(0, 3)) await Promise.all([engine(q), api(q)]);
    await engine(pairs[0]?.zh ?? "你好");
    const web = await timePairs(asks, (i) => questions[i % questions.length] as string, engine, api);
    const zh = await timePairs(
      asks,
      (i) => pairs[i % pairs.length] as { zh: string; en: string },
      (p) => engine(p.zh),
      (p) => engine(p.en),
    );
    const diff = web.b.map((ms, i) => ms - (web.a[i] ?? 0));
    return {
      asks,
      engine_ask_p50_ms: round(median(web.a)),
      api_ask_p50_ms: round(median(web.b)),
      api_minus_engine_p50_ms: round(median(diff)),
      zh_ask_p50_ms: round(median(zh.a)),
      en_ask_p50_ms: round(median(zh.b)),
      zh_over_en_p50: round(median(zh.a) / median(zh.b), 3),
    };
  } finally {
    await server.close();
    await app.close();
  }
}

async function timePairs<T>(
  n: number,
  item: (i: number) => T,
  a: (x: T) => Promise<unknown>,
  b: (x: T) => Promise<unknown>,
): Promise<{ a: number[]; b: number[] }> {
  const out = { a: [] as number[], b: [] as number[] };
  for (let i = 0; i < n; i++) {
    const x = item(i);
    for (const which of i % 2 ? (["b", "a"] as const) : (["a", "b"] as const)) {
      const t = performance.now();
      await (which === "a" ? a(x) : b(x));
      out[which].push(performance.now() - t);
    }
  }
  return out;
}
