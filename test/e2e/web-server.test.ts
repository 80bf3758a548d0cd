// `npm run web` as a user runs it, with the real model: it prints its URL, serves the page with no token on
// loopback, and /api/ask gives byte for byte what `ask --json` prints on the same index.
import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));
const QUESTION = "What is planned for rural revitalization?";

function run(script: string, args: string[], env: NodeJS.ProcessEnv): ChildProcessWithoutNullStreams {
  // node itself, not npx: a signal must reach the server, not a wrapper that leaves it running.
  return spawn(process.execPath, ["--import", "tsx", script, ...args], { cwd: ROOT, env, stdio: "pipe" });
}

function finished(
  child: ChildProcessWithoutNullStreams,
): Promise<{ code: number | null; stdout: string; stderr: string }> {
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (d: Buffer) => (stdout += d.toString()));
  child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
  return new Promise((resolve, reject) => {
    child.on("error", reject);
    child.on("close", (code) => resolve({ code, stdout, stderr }));
  });
}

describe("npm run web with the real engine", () => {
  let tmp: string;
  let env: NodeJS.ProcessEnv;
  let web: ChildProcessWithoutNullStreams;
  let done: Promise<{ code: number | null; stdout: string; stderr: string }>;
  let url: string;

  beforeAll(async () => {
    tmp = await mkdtemp(path.join(tmpdir(), "web-server-"));
    env = { ...process.env, CORPUS_DIR: "corpus", INDEX_DIR: tmp, WEB_PORT: "0" };
    delete env.WEB_HOST;
    delete env.WEB_TOKEN;
    web = run("src/frontends/web/main.ts", [], env);
    done = finished(web);
    url = await new Promise<string>((resolve, reject) => {
      let out = "";
      web.stdout.on("data", (d: Buffer) => {
        out += d.toString();
        const m = /^Web page: (http:\/\/127\.0\.0\.1:\d+\/)$/m.exec(out);
        if (m?.[1]) resolve(m[1]);
      });
      void done.then((r) => reject(new Error(`web exited ${r.code}: ${r.stderr}`)));
    });
  });

  afterAll(async () => {
    if (web.exitCode === null) web.kill("SIGTERM");
    await done.catch(() => undefined);
    await rm(tmp, { recursive: true, force: true });
  });

  it("serves the ask page at the printed URL without a token", async () => {
    const res = await fetch(`${url}?q=${encodeURIComponent(QUESTION)}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-security-policy")).toContain("default-src 'none'");
    const body = await res.text();
    expect(body).toMatch(/rural revitalization|three parks/i);
    expect(body).toContain("Confidence ");
  });

  it("answers /api/ask byte for byte as `ask --json` does on the same index", async () => {
    const api = await (await fetch(`${url}api/ask?q=${encodeURIComponent(QUESTION)}`)).text();
    const cli = await finished(run("src/frontends/cli/ask.ts", ["--json", QUESTION], env));
    expect(cli.code, cli.stderr).toBe(0);
    expect(api).toBe(cli.stdout.trimEnd());
    expect(JSON.parse(api).answered).toBe(true);
  });

  it("stops cleanly on SIGTERM", async () => {
    web.kill("SIGTERM");
    expect((await done).code).toBe(0);
  });
});

describe("npm run web refuses a network address without a token", () => {
  it("exits 1 before loading the model, naming WEB_TOKEN", async () => {
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      WEB_HOST: "0.0.0.0",
      INDEX_DIR: path.join(tmpdir(), "web-never-built"),
    };
    delete env.WEB_TOKEN;
    const r = await finished(run("src/frontends/web/main.ts", [], env));
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(
      /^CONFIG_INVALID: WEB_HOST is not a loopback address, and WEB_TOKEN is not set\./m,
    );
  });
});
