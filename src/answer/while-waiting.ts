import { setImmediate as nextTurn } from "node:timers/promises";

/** Sentences worked out between two looks at whether the awaited work is done. */
const STEP = 8;

/**
 * Works out `work` for the items in turn, a few at a time, until `pending` settles or the items run out.
 * The model embeds a question in another thread; what the main thread can do before the vector is known
 * (the likely candidates' lexical inputs) is then done in time it would spend waiting. Between steps it
 * yields, so the embedding's reply is seen as soon as it comes; it never waits for `pending` itself, and a
 * rejection is left to whoever awaits `pending`.
 */
export async function whileWaiting<T>(
  pending: Promise<unknown>,
  items: readonly T[],
  work: (item: T) => unknown,
): Promise<void> {
  let settled = false;
  const mark = () => {
    settled = true;
  };
  pending.then(mark, mark);
  for (let i = 0; i < items.length && !settled; i += STEP) {
    for (const item of items.slice(i, i + STEP)) work(item);
    await nextTurn();
  }
}
