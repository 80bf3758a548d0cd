import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { readFile, stat } from "node:fs/promises";
import path from "node:path";
import { AppError, describeError } from "../errors.js";
import { extractDocx, extractPdf } from "./extract-text.js";
import { documentMetaSchema, type DocumentMeta } from "./metadata.js";
import { binaryShare, DocumentRejected, skipReason } from "./skip-reasons.js";

export type DocumentFormat = "txt" | "md" | "pdf" | "docx";

export interface SourceDocument {
  /** Path relative to the corpus folder, with forward slashes: the `doc` of every citation. */
  path: string;
  /** Stable id derived from the path, used in unit ids. */
  id: string;
  format: DocumentFormat;
  /** The text that every offset indexes: the file itself for .txt/.md, the extracted text for .pdf/.docx. */
  text: string;
  /** For paged formats, the offset where each page starts. */
  pageStarts?: number[];
  /** Of the file's bytes, so that a change anywhere in the file is seen. */
  sha256: string;
  meta: DocumentMeta;
}

const FORMATS: Record<string, DocumentFormat> = { ".txt": "txt", ".md": "md", ".pdf": "pdf", ".docx": "docx" };

export function sha256(text: string | Buffer): string {
  return createHash("sha256").update(text).digest("hex");
}

export function docIdFromPath(relPath: string): string {
  return relPath
    .replace(/\.[^.]+$/, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}

/** Lists the indexable files of a corpus folder, sorted so that builds are deterministic. */
export function listCorpusFiles(corpusDir: string): string[] {
  if (!existsSync(corpusDir) || !statSync(corpusDir).isDirectory()) {
    throw new AppError("CORPUS_MISSING", `Expected a corpus folder at ${corpusDir}, found none.`);
  }
  const out: string[] = [];
  const walk = (dir: string): void => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      if (entry.name.startsWith(".")) continue;
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (FORMATS[path.extname(entry.name).toLowerCase()]) out.push(full);
    }
  };
  walk(corpusDir);
  return out.map((f) => path.relative(corpusDir, f).split(path.sep).join("/")).sort();
}

export interface CorpusScan {
  documents: SourceDocument[];
  /** Files that could not be indexed, each with the reason; the others are indexed without them. */
  skipped: { path: string; reason: string }[];
}

export interface ReadOptions {
  /** Larger files are skipped: a huge file would hold the build for hours. Unset: no limit. */
  maxBytes?: number | undefined;
}

/** Reads every document it can; a bad file is skipped with its reason, never fatal to the others. */
export async function scanCorpus(corpusDir: string, options: ReadOptions = {}): Promise<CorpusScan> {
  const files = listCorpusFiles(corpusDir);
  const scan: CorpusScan = { documents: [], skipped: [] };
  for (const rel of files) {
    try {
      scan.documents.push(await readDocument(corpusDir, rel, options));
    } catch (error) {
      scan.skipped.push({ path: rel, reason: await skipReason(path.join(corpusDir, rel), error) });
    }
  }
  if (scan.documents.length === 0) {
    const skipped = scan.skipped.map((s) => `${s.path} (${s.reason})`).join("; ");
    throw new AppError(
      "CORPUS_EMPTY",
      skipped
        ? `Expected at least one readable document in ${corpusDir}; every file was skipped: ${skipped}.`
        : `Expected .txt, .md, .pdf or .docx documents in ${corpusDir}, found none.`,
    );
  }
  return scan;
}

/** The documents that can be read (see `scanCorpus` for the skipped ones). */
export async function readCorpus(corpusDir: string, options: ReadOptions = {}): Promise<SourceDocument[]> {
  return (await scanCorpus(corpusDir, options)).documents;
}

/** Share of control or replacement characters above which a file is taken for binary, not text. */
const BINARY_SHARE = 0.05;

export async function readDocument(
  corpusDir: string,
  relPath: string,
  options: ReadOptions = {},
): Promise<SourceDocument> {
  const full = path.join(corpusDir, relPath);
  const format = FORMATS[path.extname(relPath).toLowerCase()] ?? "txt";
  let bytes: Buffer;
  let extracted: { text: string; pageStarts?: number[] };
  try {
    const size = (await stat(full)).size;
    if (options.maxBytes !== undefined && size > options.maxBytes) {
      throw new DocumentRejected(
        `it is ${megabytes(size)} MB, over the limit of ${megabytes(options.maxBytes)} MB (MAX_DOCUMENT_MB)`,
      );
    }
    bytes = await readFile(full);
    extracted = await extract(format, bytes);
  } catch (error) {
    if (error instanceof DocumentRejected) throw error;
    throw new AppError("INPUT_UNREADABLE", `Could not read ${full} as ${format}: ${describeError(error)}.`, {
      cause: error,
    });
  }
  const share = binaryShare(extracted.text);
  if (share > BINARY_SHARE) {
    throw new DocumentRejected(
      `it looks binary, not text: ${(share * 100).toFixed(0)}% of its characters are control or replacement characters`,
    );
  }
  if (!extracted.text.trim()) throw new DocumentRejected("it holds no text");
  return {
    path: relPath,
    id: docIdFromPath(relPath),
    format,
    text: extracted.text,
    ...(extracted.pageStarts ? { pageStarts: extracted.pageStarts } : {}),
    sha256: sha256(bytes),
    meta: readMeta(full, relPath, extracted.text),
  };
}

function megabytes(bytes: number): string {
  return (bytes / 2 ** 20).toFixed(1).replace(/\.0$/, "");
}

async function extract(format: DocumentFormat, bytes: Buffer): Promise<{ text: string; pageStarts?: number[] }> {
  if (format === "pdf") return extractPdf(bytes);
  if (format === "docx") return extractDocx(bytes);
  return { text: bytes.toString("utf8") };
}

function metaPathFor(docPath: string): string {
  return docPath.replace(/\.[^.]+$/, "") + ".meta.json";
}

function readMeta(docPath: string, relPath: string, text: string): DocumentMeta {
  const metaPath = metaPathFor(docPath);
  if (!existsSync(metaPath)) return documentMetaSchema.parse({ title: fallbackTitle(relPath, text) });
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(metaPath, "utf8"));
  } catch (error) {
    throw new AppError("METADATA_INVALID", `${metaPath} is not valid JSON: ${describeError(error)}.`, {
      cause: error,
    });
  }
  const parsed = documentMetaSchema.safeParse(raw);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`);
    throw new AppError("METADATA_INVALID", `${metaPath} has invalid metadata: ${problems.join("; ")}.`);
  }
  return parsed.data;
}

/** A document without metadata is titled by its first Markdown heading, else by its file name. */
export function fallbackTitle(relPath: string, text: string): string {
  const heading = /^#{1,6}\s+(.+?)\s*#*\s*$/m.exec(text);
  if (heading?.[1]) return heading[1];
  const base = path.basename(relPath).replace(/\.[^.]+$/, "");
  return base.replace(/[-_]+/g, " ").replace(/^\w/, (c) => c.toUpperCase());
}
