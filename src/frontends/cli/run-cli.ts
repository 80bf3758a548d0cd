import { existsSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { AppError, isAppError } from "../../errors.js";
import { warnIfStaleBuild } from "./stale-build.js";

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
      process.exitCode = error.code === "CLI_USAGE" ? 2 : 1;
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

/** Progress for long work goes to stderr, so stdout stays clean for --json. */
export const logToStderr = (line: string): void => {
  console.error(line);
};
