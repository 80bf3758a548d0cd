/** Runs the engine in fresh Node processes, the way a user starts it, and times them from the outside. */
import { spawn } from "node:child_process";
import path from "node:path";
import type { ProbeResult } from "./serve-probe.js";
import { REPO_ROOT } from "./questions.js";

export interface Workspace {
  corpusDir: string;
  indexDir: string;
}

interface ChildRun {
  stdout: string;
  /** Milliseconds from spawn to the first complete line on stdout (the answer). */
  firstLineMs: number;
  exitMs: number;
}

/** What `npm run ask` runs: the bundle in dist/ (built by `npm run build`). */
const ASK_CLI = path.join(REPO_ROOT, "dist/ask.mjs");
const PROBE = path.join(REPO_ROOT, "scripts/bench/serve-probe.ts");

function runTs(script: string, args: string[], env: NodeJS.ProcessEnv, nodeFlags: string[] = []) {
  return new Promise<ChildRun>((resolve, reject) => {
    const t0 = performance.now();
    let firstLineMs = Number.NaN;
    let stdout = "";
    let stderr = "";
    const loader = script.endsWith(".ts") ? ["--import", "tsx"] : [];
    const child = spawn(process.execPath, [...nodeFlags, ...loader, script, ...args], {
      cwd: REPO_ROOT,
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout.setEncoding("utf8").on("data", (chunk: string) => {
      stdout += chunk;
      if (Number.isNaN(firstLineMs) && stdout.includes("\n")) firstLineMs = performance.now() - t0;
    });
    child.stderr.setEncoding("utf8").on("data", (chunk: string) => (stderr += chunk));
    child.on("error", reject);
    child.on("close", (code) => {
      if (code === 0) resolve({ stdout, firstLineMs, exitMs: performance.now() - t0 });
      else reject(new Error(`${path.relative(REPO_ROOT, script)} exited with ${code}: ${stderr.trim()}`));
    });
  });
}

const envOf = (ws: Workspace) => ({ CORPUS_DIR: ws.corpusDir, INDEX_DIR: ws.indexDir });

/** Process start to the first answer of the real CLI (`dist/ask.mjs --json`), and to its exit. */
export async function coldStartCli(
  ws: Workspace,
  question: string,
): Promise<{ answerMs: number; exitMs: number }> {
  const run = await runTs(ASK_CLI, ["--json", question], envOf(ws));
  return { answerMs: run.firstLineMs, exitMs: run.exitMs };
}

export interface ProbeOptions {
  questionsFile: string;
  /** 0: start up and answer one question only. */
  minAsks: number;
  /** A .cpuprofile file to write for the timed loop. */
  profileFile?: string | undefined;
}

/** A warning when the probe found the index stale (the engine's code changed during the run) and rebuilt it. */
export function staleIndexWarning(probe: ProbeResult, what: string): string[] {
  if (probe.indexAction === "fresh") return [];
  return [
    `${what}: the child process ${probe.indexAction} the index instead of loading it (the engine's code changed ` +
      `during the run?), so its start-up and RSS figures include a build.`,
  ];
}

export async function runProbe(ws: Workspace, options: ProbeOptions): Promise<ProbeResult> {
  const env = {
    ...envOf(ws),
    BENCH_QUESTIONS: options.questionsFile,
    BENCH_ASKS: String(options.minAsks),
    BENCH_PROFILE: options.profileFile ?? "",
  };
  const run = await runTs(PROBE, [], env);
  return JSON.parse(run.stdout.trim().split("\n").pop() ?? "") as ProbeResult;
}
