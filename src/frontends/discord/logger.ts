/** The bot's structured log. Secrets are scrubbed from every line as it is written, whatever logged them. */
import { pino, type DestinationStream, type Logger, type LoggerOptions } from "pino";

export type BotLog = Pick<Logger, "debug" | "info" | "warn" | "error">;

export interface LoggerSettings {
  level: LoggerOptions["level"];
  /** Strings that must never reach the log (the bot token); replaced by `[redacted]`. */
  secrets: readonly (string | undefined)[];
  destination?: DestinationStream;
}

// Interaction tokens sit in webhook and callback URLs, which discord.js puts into its error messages.
const URL_TOKENS = /(\/(?:webhooks\/\d+|interactions\/\d+)\/)[\w.-]{20,}/g;

export function scrubSecrets(line: string, secrets: readonly (string | undefined)[]): string {
  let out = line.replace(URL_TOKENS, "$1[redacted]");
  for (const secret of secrets) if (secret && secret.length >= 8) out = out.split(secret).join("[redacted]");
  return out;
}

export function createLogger(settings: LoggerSettings): Logger {
  const secrets = settings.secrets;
  const options: LoggerOptions = {
    level: settings.level,
    base: undefined,
    redact: {
      paths: ["token", "*.token", "headers.authorization", "*.headers.authorization"],
      censor: "[redacted]",
    },
    hooks: { streamWrite: (line) => scrubSecrets(line, secrets) },
  };
  return settings.destination ? pino(options, settings.destination) : pino(options);
}
