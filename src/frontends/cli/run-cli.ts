import { accessSync, constants, existsSync, statSync } from "node:fs";
import { parseArgs } from "node:util";
import { pathToFileURL } from "node:url";
import { AppError, isAppError } from "../../errors.js";
import { warnIfStaleBuild } from "./stale-build.js";

/** Errors that mean the command line itself was wrong: exit 2, as for an unknown option. */
const BAD_ARGUMENT_CODES = new Set(["CLI_USAGE", "DOC_UNKNOWN"]);

/** Runs a CLI entry point: any error becomes one line on stderr and a non-zero exit, never a stack trace. */
export function runCli(main: () => Promise<void>): void {
  warnIfStaleBuild(process.argv[1] ? pathToFileURL(process.argv[1]).href : import.meta.url);
  // Settings (the Discord token) may be kept in a git-ignored .env; variables already set win over it.
  if (existsSync(".env")) {
    try {
      process.loadEnvFile(".env");
    } catch (error) {
      console.error(`Could not read .env: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(2);
    }
  }
  // A reader that stops early (`| head`) is not an error.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(0);
    throw error;
  });
  main().catch((error: unknown) => {
    if (isAppError(error)) {
      console.error(error.toLine());
      process.exitCode = BAD_ARGUMENT_CODES.has(error.code) ? 2 : 1;
    } else {
      console.error(`Unexpected error: ${error instanceof Error ? error.message : String(error)}`);
      if (process.env.DEBUG) console.error(error);
      process.exitCode = 1;
    }
  });
}

export function usageError(message: string, usage: string): AppError {
  return new AppError("CLI_USAGE", message, { hint: `Usage: ${usage}` });
}

/** A question file named on the command line that is missing or unreadable: a usage error naming the path. */
export function checkInputFile(file: string, usage: string): void {
  try {
    if (statSync(file).isDirectory()) throw new Error("it is a folder");
    accessSync(file, constants.R_OK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === "ENOENT" ? "no such file" : error instanceof Error ? error.message : String(error);
    throw usageError(`Could not read the question file ${file}: ${why}.`, usage);
  }
}

/** Progress for long work goes to stderr, so stdout stays clean for --json. */
export const logToStderr = (line: string): void => {
  console.error(line);
};

/** One option of a command: what parseArgs needs, plus the line --help prints for it. */
export interface CliOption {
  type: "boolean" | "string";
  short?: string;
  /** The value's placeholder in the help, e.g. "<file>" (string options). */
  value?: string;
  help: string;
}

/** Everything a command's --help prints and its parser accepts: one convention for every CLI. */
export interface CliSpec {
  usage: string;
  about: string;
  options: Record<string, CliOption>;
  example: string;
  /** Whether words after the options are taken (a question, a phrase, a file). */
  positionals: boolean;
}

export interface ParsedCli {
  help: boolean;
  values: Record<string, string | boolean | undefined>;
  positionals: string[];
}

const HELP_OPTION: CliOption = { type: "boolean", short: "h", help: "Print this help and exit." };

/**
 * node:util's parseArgs, with the convention every command follows: --help/-h anywhere before `--` wins;
 * an unknown option or a bad value is one CLI_USAGE error (exit 2) naming the usage, with a suggestion.
 */
export function parseCli(argv: string[], spec: CliSpec): ParsedCli {
  const end = argv.indexOf("--");
  const flags = end === -1 ? argv : argv.slice(0, end);
  if (flags.includes("--help") || flags.includes("-h")) return { help: true, values: {}, positionals: [] };
  const options = { ...spec.options, help: HELP_OPTION };
  try {
    const parsed = parseArgs({
      args: argv,
      allowPositionals: spec.positionals,
      options: Object.fromEntries(
        Object.entries(options).map(([name, o]) => [
          name,
          o.short ? { type: o.type, short: o.short } : { type: o.type },
        ]),
      ),
    });
    return { help: false, values: parsed.values, positionals: parsed.positionals };
  } catch (error) {
    throw usageError(describeParseError(error, Object.keys(options)), spec.usage);
  }
}

function describeParseError(error: unknown, names: string[]): string {
  const message = error instanceof Error ? error.message : String(error);
  const unknown = /^Unknown option '(-{1,2}[^']*)'/.exec(message)?.[1];
  if (unknown) {
    const guess = closest(unknown.replace(/^-+/, "").split("=")[0] ?? "", names);
    return `Unknown option '${unknown}'${guess ? `; did you mean --${guess}?` : "."}`;
  }
  // parseArgs explains how to pass a value starting with a dash; one sentence is enough here.
  const first = message.split(/(?<=\.) /)[0] ?? message;
  return first.endsWith(".") ? first : `${first}.`;
}

/** The option name nearest by edit distance, if it is near enough to be a likely typo. */
export function closest(word: string, names: string[]): string | undefined {
  let best: { name: string; d: number } | undefined;
  for (const name of names) {
    const d = editDistance(word.toLowerCase(), name);
    if (!best || d < best.d) best = { name, d };
  }
  return best && best.d <= (best.name.length >= 4 ? 2 : 1) ? best.name : undefined;
}

/** Edit distance counting a swap of two neighbouring letters as one edit (the commonest typo). */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) =>
    Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)),
  );
  const at = (i: number, j: number) => d[i]?.[j] ?? 0;
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(at(i - 1, j) + 1, at(i, j - 1) + 1, at(i - 1, j - 1) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        best = Math.min(best, at(i - 2, j - 2) + 1);
      (d[i] as number[])[j] = best;
    }
  }
  return at(a.length, b.length);
}

/** The --help text: usage, what the command does, its options and one example. */
export function helpText(spec: CliSpec): string {
  const rows = Object.entries({ ...spec.options, help: HELP_OPTION }).map(([name, o]) => [
    `${o.short ? `-${o.short}, ` : "    "}--${name}${o.value ? ` ${o.value}` : ""}`,
    o.help,
  ]);
  const width = Math.max(...rows.map(([left]) => (left ?? "").length)) + 2;
  return [
    `Usage: ${spec.usage}`,
    "",
    spec.about,
    "",
    "Options:",
    ...rows.map(([left, right]) => `  ${(left ?? "").padEnd(width)}${right}`),
    "",
    `Example: ${spec.example}`,
  ].join("\n");
}

/** parseCli for a script that runs at top level (not inside runCli): help exits 0, a usage error exits 2. */
export function parseCliOrExit(argv: string[], spec: CliSpec): ParsedCli {
  try {
    const parsed = parseCli(argv, spec);
    if (parsed.help) {
      console.log(helpText(spec));
      process.exit(0);
    }
    return parsed;
  } catch (error) {
    console.error(isAppError(error) ? error.toLine() : describeUnknown(error));
    process.exit(2);
  }
}

function describeUnknown(error: unknown): string {
  return `Unexpected error: ${error instanceof Error ? error.message : String(error)}`;
}
