import { watch, type FSWatcher } from "node:fs";
import { stat } from "node:fs/promises";
import path from "node:path";
import { listCorpusFiles } from "./read-corpus.js";

export interface CorpusWatcher {
  close(): void;
}

export interface WatchOptions {
  /** Quiet time after the last event before reacting: a copy in progress fires many events. */
  debounceMs?: number;
  /** A periodic check as well, because file-system events can be missed (network drives, editors). */
  pollMs?: number;
}

/** Calls `onChange` when a document is added, changed or removed in the corpus folder. */
export function watchCorpus(dir: string, onChange: () => void, options: WatchOptions = {}): CorpusWatcher {
  const debounceMs = options.debounceMs ?? 750;
  let timer: NodeJS.Timeout | undefined;
  let last: string | undefined;
  const check = async () => {
    const signature = await corpusSignature(dir).catch(() => "unreadable");
    if (last !== undefined && signature !== last) onChange();
    last = signature;
  };
  const schedule = () => {
    clearTimeout(timer);
    timer = setTimeout(() => void check(), debounceMs);
  };
  void check();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dir, { recursive: true }, schedule);
    watcher.on("error", () => undefined); // the poll below still runs
  } catch {
    watcher = undefined;
  }
  const poll = setInterval(() => void check(), options.pollMs ?? 15_000);
  poll.unref();
  return {
    close() {
      clearTimeout(timer);
      clearInterval(poll);
      watcher?.close();
    },
  };
}

/** Names, sizes and modification times of the indexable files and their metadata. */
async function corpusSignature(dir: string): Promise<string> {
  const parts: string[] = [];
  for (const rel of listCorpusFiles(dir)) {
    for (const file of [rel, rel.replace(/\.[^.]+$/, "") + ".meta.json"]) {
      const s = await stat(path.join(dir, file)).catch(() => null);
      if (s) parts.push(`${file}:${s.size}:${s.mtimeMs}`);
    }
  }
  return parts.join("|");
}
