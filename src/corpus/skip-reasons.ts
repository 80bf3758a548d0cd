import { lstat } from "node:fs/promises";
import path from "node:path";
import { describeError, isAppError } from "../errors.js";

const FORMAT_NAMES: Record<string, string> = { ".pdf": "PDF", ".docx": "Word (.docx) file" };

/** A file that was read but is not fit to index; its message is the reason as is. */
export class DocumentRejected extends Error {}

/** Why a corpus file was skipped, in words that say what is wrong with it (not a generic "unreadable"). */
export async function skipReason(file: string, error: unknown): Promise<string> {
  if (error instanceof DocumentRejected) return error.message;
  if (isAppError(error) && error.code === "METADATA_INVALID") return `invalid metadata: ${error.message}`;
  const cause = isAppError(error) && error.cause !== undefined ? error.cause : error;
  const code = (cause as NodeJS.ErrnoException | undefined)?.code;
  if (code === "ENOENT") {
    const link = await lstat(file).catch(() => null);
    return link?.isSymbolicLink()
      ? "it is a symbolic link to a file that does not exist"
      : "it vanished while the corpus was being read";
  }
  if (code === "EACCES" || code === "EPERM") return "permission denied: the program may not read it";
  if (code === "EISDIR") return "it is a folder, not a file";
  if (code === "ELOOP") return "it is a symbolic link that loops";
  if (typeof code === "string" && /^E[A-Z]+$/.test(code)) return `it could not be read (${describeError(cause)})`;
  const format = FORMAT_NAMES[path.extname(file).toLowerCase()];
  if (format) return `it is not a readable ${format} (${describeError(cause)})`;
  return describeError(error);
}

/** Share of the characters that are control characters (but tab, line breaks, form feed) or U+FFFD. */
export function binaryShare(text: string): number {
  if (!text) return 0;
  let bad = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if ((c < 32 && c !== 9 && c !== 10 && c !== 13 && c !== 12) || c === 0x7f || c === 0xfffd) bad++;
  }
  return bad / text.length;
}
