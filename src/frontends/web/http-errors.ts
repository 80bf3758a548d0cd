/**
 * How an error reaches a web client: a status and the `{ error: { code, message, hint } }` body, both from
 * the error catalogue. Nothing else of an error (stack, cause, file paths of operator errors) leaves the server.
 */
import { AppError, ERROR_CATALOGUE, isAppError, type ErrorCode } from "../../errors.js";

export interface ErrorBody {
  code: ErrorCode;
  message: string;
  hint: string;
}

const STATUS: Partial<Record<ErrorCode, number>> = {
  QUESTION_INVALID: 400,
  PHRASE_INVALID: 400,
  TOPIC_INVALID: 400,
  DOC_UNKNOWN: 400,
  CLI_USAGE: 400,
  WEB_PARAM_INVALID: 400,
  WEB_UNAUTHORIZED: 401,
  WEB_NOT_FOUND: 404,
  WEB_TOO_LARGE: 413,
  WEB_RATE_LIMITED: 429,
};

export function statusOf(error: unknown): number {
  if (isAppError(error)) return STATUS[error.code] ?? 500;
  // Fastify's own refusals (body too large, unsupported media type) carry a 4xx status.
  const status = (error as { statusCode?: unknown } | null)?.statusCode;
  return typeof status === "number" && status >= 400 && status < 500 ? status : 500;
}

export function errorBody(error: unknown): ErrorBody {
  if (isAppError(error)) {
    // Operator errors (a broken index, a missing model) may name files; the client gets the code and hint.
    const message = error.userFacing ? error.message : "The server could not do this right now.";
    return { code: error.code, message, hint: error.hint };
  }
  const status = statusOf(error);
  if (status === 413 || status === 414) {
    return {
      code: "WEB_TOO_LARGE",
      message: "The request is too large.",
      hint: ERROR_CATALOGUE.WEB_TOO_LARGE.hint,
    };
  }
  if (status < 500) {
    return {
      code: "WEB_PARAM_INVALID",
      message: "The request could not be read.",
      hint: ERROR_CATALOGUE.WEB_PARAM_INVALID.hint,
    };
  }
  return {
    code: "WEB_INTERNAL",
    message: "Something went wrong on the server.",
    hint: ERROR_CATALOGUE.WEB_INTERNAL.hint,
  };
}

export const notFound = (path: string): AppError =>
  new AppError("WEB_NOT_FOUND", `There is no page at ${path}.`);
