import path from "node:path";
import { z } from "zod";
import { AppError } from "../errors.js";

const positiveInt = (name: string, fallback: number, description: string) =>
  z.coerce
    .number({ error: `${name} must be a whole number` })
    .int(`${name} must be a whole number`)
    .positive(`${name} must be greater than 0`)
    .default(fallback)
    .describe(description);

/** Settings come from the environment only; each has a default so `npm start` works with none set. */
export const settingsSchema = z.object({
  CORPUS_DIR: z.string().min(1).default("corpus").describe("Folder of the documents to index (.txt, .md)."),
  INDEX_DIR: z.string().min(1).default("index").describe("Folder where the built index is kept."),
  MODEL_DIR: z
    .string()
    .min(1)
    .optional()
    .describe("Folder holding the model files (config.json, tokenizer.json, onnx/). Overrides models/."),
  MODELS_CACHE_DIR: z.string().min(1).default("models").describe("Where fetched models are kept."),
  DISCORD_TOKEN: z
    .string()
    .min(1)
    .optional()
    .describe("Bot token; without it `npm start` runs a local chat."),
  DISCORD_APP_ID: z.string().regex(/^\d+$/, "DISCORD_APP_ID must be the numeric application id").optional(),
  DISCORD_GUILD_ID: z.string().regex(/^\d+$/, "DISCORD_GUILD_ID must be a numeric guild id").optional(),
  RATE_LIMIT_COUNT: positiveInt("RATE_LIMIT_COUNT", 5, "Questions a user may ask per window."),
  RATE_LIMIT_WINDOW_S: positiveInt("RATE_LIMIT_WINDOW_S", 30, "Length of the rate-limit window, seconds."),
  FEEDBACK_LOG: z.string().min(1).default("data/feedback.jsonl").describe("JSON-lines log of 👍/👎 votes."),
  EMBED_THREADS: z.coerce
    .number({ error: "EMBED_THREADS must be a whole number" })
    .int("EMBED_THREADS must be a whole number")
    .min(1, "EMBED_THREADS must be at least 1")
    .max(64, "EMBED_THREADS must be at most 64")
    .optional()
    .describe("ONNX Runtime threads per inference; unset keeps the runtime's default."),
  MAX_DOCUMENT_MB: z.coerce
    .number({ error: "MAX_DOCUMENT_MB must be a number" })
    .positive("MAX_DOCUMENT_MB must be greater than 0")
    .max(1024, "MAX_DOCUMENT_MB must be at most 1024")
    .default(20)
    .describe("Corpus files larger than this many megabytes (MiB) are skipped with a warning."),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error", "silent"]).default("info"),
  WEB_HOST: z
    .string()
    .regex(/^[A-Za-z0-9.:-]+$/, "WEB_HOST must be an IP address or a host name")
    .default("127.0.0.1")
    .describe("Address the web page listens on; anything but loopback needs WEB_TOKEN."),
  WEB_PORT: z.coerce
    .number({ error: "WEB_PORT must be a whole number" })
    .int("WEB_PORT must be a whole number")
    .min(0, "WEB_PORT must be 0 (any free port) or a port number")
    .max(65535, "WEB_PORT must be at most 65535")
    .default(8787)
    .describe("Port of the web page; 0 picks a free one."),
  WEB_TOKEN: z
    .string()
    .min(16, "WEB_TOKEN must be at least 16 characters")
    .optional()
    .describe("Access token the web page asks for; required when WEB_HOST is not loopback."),
});

export type Settings = z.infer<typeof settingsSchema>;

/** Validates the environment; the message names each bad variable but never echoes a value (tokens). */
export function loadSettings(env: NodeJS.ProcessEnv = process.env, cwd = process.cwd()): Settings {
  const picked = Object.fromEntries(
    Object.keys(settingsSchema.shape).map((key) => [key, env[key] === "" ? undefined : env[key]]),
  );
  const parsed = settingsSchema.safeParse(picked);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ");
    throw new AppError("CONFIG_INVALID", `Invalid settings: ${problems}.`);
  }
  const s = parsed.data;
  return {
    ...s,
    CORPUS_DIR: path.resolve(cwd, s.CORPUS_DIR),
    INDEX_DIR: path.resolve(cwd, s.INDEX_DIR),
    MODELS_CACHE_DIR: path.resolve(cwd, s.MODELS_CACHE_DIR),
    MODEL_DIR: s.MODEL_DIR ? path.resolve(cwd, s.MODEL_DIR) : undefined,
    FEEDBACK_LOG: path.resolve(cwd, s.FEEDBACK_LOG),
  };
}
