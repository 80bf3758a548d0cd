import { mkdir } from "node:fs/promises";
import path from "node:path";
import lockfile from "proper-lockfile";
import { AppError, describeError } from "../errors.js";
import { describeWriteError } from "./write-store.js";

/** The lock folder inside INDEX_DIR that one writer at a time holds, across processes. */
export const LOCK_NAME = "build.lock";

export interface WriteLock {
  /** Throws if another process took the lock over (this one stalled past the stale time): write nothing more. */
  assertHeld(): void;
  release(): Promise<void>;
}

export interface LockOptions {
  /**
   * A lock not refreshed for this long is taken for a crashed writer's and taken over. The holder refreshes
   * it on a timer, so a long build keeps it; a stalled event loop only loses it if another writer is waiting.
   */
  staleMs?: number;
  signal?: AbortSignal | undefined;
  log?: (line: string) => void;
}

const POLL_MS = 200;

/** Waits for and takes the index's write lock; a crashed holder's lock is recovered once it goes stale. */
export async function acquireWriteLock(indexDir: string, options: LockOptions = {}): Promise<WriteLock> {
  await mkdir(indexDir, { recursive: true }).catch((error: unknown) => {
    throw new AppError("INDEX_BUILD_FAILED", `Could not create ${indexDir}: ${describeWriteError(error)}.`, {
      cause: error,
    });
  });
  const key = path.join(indexDir, "build");
  const lockfilePath = path.join(indexDir, LOCK_NAME);
  let compromised: Error | undefined;
  let waited = false;
  for (;;) {
    options.signal?.throwIfAborted();
    try {
      const release = await lockfile.lock(key, {
        lockfilePath,
        realpath: false,
        stale: options.staleMs ?? 15_000,
        retries: 0,
        onCompromised: (error) => (compromised = error),
      });
      return {
        assertHeld() {
          if (compromised) {
            throw new AppError(
              "INDEX_BUILD_FAILED",
              `Another build took over the index lock ${lockfilePath} (${describeError(compromised)}); this build is abandoned.`,
            );
          }
        },
        // Once compromised the lock folder is the other writer's: never remove it.
        release: async () => (compromised ? undefined : release().catch(() => undefined)),
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") {
        throw new AppError(
          "INDEX_BUILD_FAILED",
          `Could not take the index lock ${lockfilePath}: ${describeWriteError(error)}.`,
          { cause: error },
        );
      }
      if (!waited) options.log?.(`index: waiting for another build to finish (${lockfilePath})`);
      waited = true;
      await sleep(POLL_MS, options.signal);
    }
  }
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(done, ms);
    function done() {
      signal?.removeEventListener("abort", onAbort);
      resolve();
    }
    function onAbort() {
      clearTimeout(timer);
      reject(signal?.reason as Error);
    }
    signal?.addEventListener("abort", onAbort, { once: true });
  });
}
