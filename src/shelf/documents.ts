import { AppError } from "../errors.js";
import type { Store } from "../store/store.js";

/**
 * The documents a request may look at, in manifest order. Every feature takes an optional `doc` filter so
 * that one report of a growing shelf can be singled out; an unknown name is an error rather than an empty
 * result, because "no hits" would wrongly suggest the report does not say it.
 */
export function documentsInScope(store: Store, doc?: string): string[] {
  const all = store.manifest.documents.map((d) => d.path);
  if (doc === undefined) return all;
  if (all.includes(doc)) return [doc];
  throw new AppError("DOC_UNKNOWN", `No document "${doc}" in the index.`, {
    hint: `Known documents: ${all.join(", ") || "none"}.`,
  });
}

/** Titles by document path, for citations. */
export function documentTitles(store: Store): Record<string, string> {
  return Object.fromEntries(store.manifest.documents.map((d) => [d.path, d.meta.title]));
}
