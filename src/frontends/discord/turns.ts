/**
 * Turns on the event loop, one per loop iteration, first come first served. A burst of interactions arrives
 * as one chunk of gateway frames, and replies to 50 deferrals as one chunk of HTTP responses: without turns,
 * every handler (and every answer computed after them) would run back to back in one task, holding the
 * loop for seconds while other interactions wait for their acknowledgement. Taking a turn first puts each
 * piece of work in a task of its own, with the loop's I/O and timers between them.
 */
export interface Turns {
  /**
   * Resolves when it is this caller's turn, in a loop iteration of its own. "ack" turns (a new interaction,
   * to be acknowledged) go before every waiting "work" turn (an answer to compute): an interaction that
   * arrives behind a queue of answers is still acknowledged within moments.
   */
  take(kind: "ack" | "work"): Promise<void>;
  /** Callers still waiting for their turn. */
  waiting(): number;
}

export function createTurns(): Turns {
  const acks: (() => void)[] = [];
  const work: (() => void)[] = [];
  let scheduled = false;
  // One turn per immediate: an immediate queued by an immediate runs in the next iteration of the loop.
  const grant = () => {
    scheduled = false;
    (acks.shift() ?? work.shift())?.();
    schedule();
  };
  const schedule = () => {
    if (scheduled || acks.length + work.length === 0) return;
    scheduled = true;
    setImmediate(grant);
  };
  return {
    take: (kind) =>
      new Promise<void>((resolve) => {
        (kind === "ack" ? acks : work).push(resolve);
        schedule();
      }),
    waiting: () => acks.length + work.length,
  };
}
