/**
 * The `doc` option of the front ends: which documents the index holds, and which one a user meant. Pure
 * functions over the store's manifest; the engine itself only accepts exact paths.
 */
import type { Store } from "../../store/store.js";

export interface DocRef {
  /** Path relative to the corpus folder, as the engine names documents. */
  path: string;
  title: string;
}

export function documentRefs(store: Pick<Store, "manifest">): DocRef[] {
  return store.manifest.documents.map((d) => ({ path: d.path, title: d.meta.title }));
}

export type DocChoice =
  /** `doc` is undefined when the user did not narrow: every document. */
  { ok: true; doc: string | undefined } | { ok: false; input: string; known: DocRef[] };

const fold = (s: string) => s.trim().toLowerCase().replace(/\s+/g, " ");
const stem = (p: string) => fold(p.replace(/^.*\//, "").replace(/\.[^.]+$/, ""));

/**
 * The document a user named: its path (as autocomplete fills it in), or, typed by hand, its path, file
 * name or title in any case, or its file name without the extension. Anything else is not guessed at.
 */
export function chooseDocument(store: Pick<Store, "manifest">, input: string | null | undefined): DocChoice {
  const known = documentRefs(store);
  const typed = input?.trim() ?? "";
  if (!typed) return { ok: true, doc: undefined };
  const exact = known.find((d) => d.path === typed);
  if (exact) return { ok: true, doc: exact.path };
  const want = fold(typed);
  const matches = [
    (d: DocRef) => fold(d.path) === want,
    (d: DocRef) => fold(d.path.replace(/^.*\//, "")) === want,
    (d: DocRef) => fold(d.title) === want,
    (d: DocRef) => stem(d.path) === want,
  ];
  for (const test of matches) {
    const found = known.filter(test);
    // Two documents of the same name in different folders: the user must pick the path.
    if (found.length === 1) return { ok: true, doc: (found[0] as DocRef).path };
  }
  return { ok: false, input: typed, known };
}
