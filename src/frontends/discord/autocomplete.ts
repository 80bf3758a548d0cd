/**
 * Autocomplete for the `doc` and `topic` options: pure functions from the index and what the user typed so
 * far to Discord's choices (at most 25, names and values of 1 to 100 characters).
 */
import { sectionLabel } from "../../chunking/structure.js";
import type { Store } from "../../store/store.js";
import { documentRefs } from "../shared/doc-scope.js";

export interface Choice {
  name: string;
  value: string;
}

export const MAX_CHOICES = 25;
export const MAX_CHOICE_CHARS = 100;

/** A choice name shortened with an ellipsis; names are labels, never quotes. */
function choiceName(text: string): string {
  const flat = text.replace(/\s+/g, " ").trim();
  return flat.length <= MAX_CHOICE_CHARS ? flat : `${flat.slice(0, MAX_CHOICE_CHARS - 1).trimEnd()}…`;
}

const fold = (s: string) => s.toLowerCase().replace(/\s+/g, " ").trim();

/**
 * Keeps the candidates whose text holds every word typed (in any order), those starting with what was typed
 * first, otherwise in their own order.
 */
function filterTyped<T>(candidates: T[], typed: string, textOf: (c: T) => string): T[] {
  const want = fold(typed);
  const words = want.split(" ").filter(Boolean);
  const matching = candidates.filter((c) => {
    const text = fold(textOf(c));
    return words.every((w) => text.includes(w));
  });
  const starts = matching.filter((c) => fold(textOf(c)).startsWith(want));
  return [...starts, ...matching.filter((c) => !starts.includes(c))];
}

/** The indexed documents, by title and path; the value is the path the engine takes. */
export function documentChoices(store: Pick<Store, "manifest">, typed: string): Choice[] {
  const docs = documentRefs(store).flatMap((d) => {
    // A value must fit 100 characters; a title resolves as well as a path does (see chooseDocument).
    const value = [d.path, d.title].find((v) => v.length <= MAX_CHOICE_CHARS);
    return value ? [{ ...d, value }] : [];
  });
  return filterTyped(docs, typed, (d) => `${d.title} ${d.path}`)
    .slice(0, MAX_CHOICES)
    .map((d) => ({ name: choiceName(`${d.title} (${d.path})`), value: d.value }));
}

// A picked section travels as `§<number> <document>`: a title can exceed the 100 characters of a value, and
// a number alone is ambiguous once there are several documents.
const SECTION_VALUE = /^§(\d{1,4})(?: (.+))?$/;

export function sectionChoiceValue(index: number, doc: string): string {
  const full = `§${index} ${doc}`;
  return full.length <= MAX_CHOICE_CHARS ? full : `§${index}`;
}

/** The section a `topic` value names when it came from autocomplete; null for anything the user typed. */
export function parseSectionChoice(value: string): { index: number; doc?: string } | null {
  const m = SECTION_VALUE.exec(value.trim());
  if (!m) return null;
  return m[2] ? { index: Number(m[1]), doc: m[2] } : { index: Number(m[1]) };
}

interface SectionEntry {
  doc: string;
  docTitle: string;
  index: number;
  label: string;
}

// Autocomplete runs on every keystroke; a store never changes, so its list is made once.
const sectionsCache = new WeakMap<object, SectionEntry[]>();

function sectionsOf(store: Pick<Store, "manifest" | "sections" | "sentences">): SectionEntry[] {
  const known = sectionsCache.get(store);
  if (known) return known;
  const key = (doc: string, index: number) => `${doc}\u0000${index}`;
  const withText = new Set(store.sentences.map((s) => key(s.doc, s.sectionIndex)));
  const entries = documentRefs(store).flatMap((d) =>
    (store.sections[d.path] ?? [])
      // A section with no text (an empty lead, a title heading right above the first section) has
      // nothing to brief on.
      .filter((s) => withText.has(key(d.path, s.index)))
      .map((s) => ({ doc: d.path, docTitle: d.title, index: s.index, label: sectionLabel(s) })),
  );
  sectionsCache.set(store, entries);
  return entries;
}

/**
 * The sections (the lead, then each heading) whose number, title or document match what was typed, in
 * report order, those starting with it first; narrowed to `doc` when the user already chose one. What was
 * typed is offered last as a free topic, since a briefing can be on any topic, not only a section.
 */
export function sectionChoices(
  store: Pick<Store, "manifest" | "sections" | "sentences">,
  typed: string,
  doc?: string,
): Choice[] {
  const all = sectionsOf(store);
  const inScope = doc && all.some((s) => s.doc === doc) ? all.filter((s) => s.doc === doc) : all;
  const several = new Set(inScope.map((s) => s.doc)).size > 1;
  const nameOf = (s: SectionEntry) => `${s.index}. ${s.label}${several ? ` — ${s.docTitle}` : ""}`;
  const text = (s: SectionEntry) => `${s.label} ${s.index}. ${several ? s.docTitle : ""}`;
  const topic = typed.replace(/\s+/g, " ").trim();
  const offerTopic =
    topic.length > 0 &&
    topic.length <= MAX_CHOICE_CHARS &&
    !SECTION_VALUE.test(topic) &&
    !inScope.some((s) => fold(s.label) === fold(topic));
  const sections = filterTyped(inScope, topic, text)
    .slice(0, MAX_CHOICES - (offerTopic ? 1 : 0))
    .map((s) => ({ name: choiceName(nameOf(s)), value: sectionChoiceValue(s.index, s.doc) }));
  return offerTopic ? [...sections, { name: choiceName(`Topic: ${topic}`), value: topic }] : sections;
}
