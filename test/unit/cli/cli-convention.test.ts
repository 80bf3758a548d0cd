import { execFile } from "node:child_process";
import { describe, expect, it } from "vitest";
import { closest, helpText, parseCli, type CliSpec } from "../../../src/frontends/cli/run-cli.js";
import { REPO } from "../../fixtures/temp-corpus.js";

const SPEC: CliSpec = {
  usage: "tool [--json] [--doc <file>] <words>",
  about: "Does a thing.",
  options: {
    json: { type: "boolean", help: "Print JSON." },
    doc: { type: "string", value: "<file>", help: "Only this document." },
  },
  example: "tool --json hello",
  positionals: true,
};

describe("parseCli", () => {
  it("parses options and words", () => {
    expect(parseCli(["--json", "--doc", "a.txt", "two", "words"], SPEC)).toEqual({
      help: false,
      values: { json: true, doc: "a.txt" },
      positionals: ["two", "words"],
    });
  });

  it("lets --help or -h win over anything else before --", () => {
    expect(parseCli(["--bogus", "-h"], SPEC).help).toBe(true);
    expect(parseCli(["--help"], SPEC).help).toBe(true);
    expect(parseCli(["--", "--help"], SPEC)).toMatchObject({ help: false, positionals: ["--help"] });
  });

  it.each([
    [["--jsn", "x"], /^Unknown option '--jsn'; did you mean --json\?$/],
    [["--dco=a"], /^Unknown option '--dco'; did you mean --doc\?$/],
    [["--frobnicate"], /^Unknown option '--frobnicate'\.$/],
    [["--doc"], /^Option '--doc <value>' argument missing\.$/],
    [["--json=yes"], /^Option '--json' does not take an argument\.$/],
  ])("rejects %j with one CLI_USAGE sentence and the usage as hint", (argv, message) => {
    try {
      parseCli(argv, SPEC);
      expect.unreachable();
    } catch (error) {
      expect(error).toMatchObject({ code: "CLI_USAGE", message: expect.stringMatching(message) });
      expect((error as { hint: string }).hint).toBe(`Usage: ${SPEC.usage}`);
    }
  });

  it("suggests only near names", () => {
    expect(closest("jsno", ["json", "doc"])).toBe("json");
    expect(closest("dog", ["json", "doc"])).toBe("doc");
    expect(closest("dco", ["json", "doc"])).toBe("doc");
    expect(closest("xyz", ["json", "doc"])).toBeUndefined();
    expect(closest("verbos", ["json", "verbose"])).toBe("verbose");
  });

  it("prints usage, what it does, every option with help, and an example", () => {
    const text = helpText(SPEC);
    expect(text.split("\n")[0]).toBe(`Usage: ${SPEC.usage}`);
    expect(text).toContain("Does a thing.");
    expect(text).toMatch(/--doc <file>\s+Only this document\./);
    expect(text).toMatch(/-h, --help\s+Print this help and exit\./);
    expect(text.trimEnd().split("\n").at(-1)).toBe("Example: tool --json hello");
  });
});

/** Every command's entry, run as npm runs it (through tsx here), before any model or index is loaded. */
const ENTRIES = [
  "src/frontends/cli/ask.ts",
  "src/frontends/cli/start.ts",
  "src/frontends/web/main.ts",
  "scripts/build-index.ts",
  "scripts/eval.ts",
  "scripts/quote.ts",
  "scripts/brief.ts",
  "scripts/outline.ts",
  "scripts/fetch-model.ts",
  "scripts/register-commands.ts",
  "scripts/bench.ts",
  "scripts/bench-web.ts",
  "scripts/fit.ts",
];

/** Spawned without waiting on one another: each is mostly tsx's start-up. */
function run(
  entry: string,
  ...args: string[]
): Promise<{ status: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve) => {
    execFile(
      process.execPath,
      ["--import", "tsx", entry, ...args],
      { cwd: REPO, encoding: "utf8", env: { ...process.env, DISCORD_TOKEN: "", NO_COLOR: "1" } },
      (error, stdout, stderr) => resolve({ status: error ? (error.code as number) : 0, stdout, stderr }),
    );
  });
}

describe("every command follows the convention", () => {
  it.concurrent.each(ENTRIES)("%s: --help prints usage, options and an example, exit 0", async (entry) => {
    const r = await run(entry, "--help");
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/^Usage: /);
    expect(r.stdout).toContain("Options:");
    expect(r.stdout).toMatch(/\nExample: \S/);
  });

  // The parser is shared (tested above); these check that the entries use it, including the one run at top level.
  const TYPO_ENTRIES = [
    "scripts/build-index.ts",
    "scripts/eval.ts",
    "scripts/fit.ts",
    "src/frontends/cli/start.ts",
  ];
  it.concurrent.each([
    ["0", "must be a number above 0; got 0."],
    ["5", "is a share and must be under 1; got 5."],
  ])("scripts/fit.ts: --shelf-max-refused %s exits 2 naming the value", async (value, message) => {
    const r = await run("scripts/fit.ts", "--shelf-max-refused", value);
    expect(r.status).toBe(2);
    expect(r.stderr.trim().split("\n")).toHaveLength(1);
    expect(r.stderr).toContain(`--shelf-max-refused ${message}`);
  });

  it.concurrent.each(TYPO_ENTRIES)(
    "%s: an unknown option exits 2 with one line and a suggestion",
    async (entry) => {
      const r = await run(entry, "--hlep");
      expect(r.status).toBe(2);
      expect(r.stdout).toBe("");
      const lines = r.stderr.trim().split("\n");
      expect(lines).toHaveLength(1);
      expect(lines[0]).toMatch(/^CLI_USAGE: Unknown option '--hlep'; did you mean --help\? Usage: /);
    },
  );
});
