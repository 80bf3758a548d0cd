import { mkdir, readFile, rm, stat, utimes, writeFile } from "node:fs/promises";
import os from "node:os";
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
   * A holder on this machine that died is seen at once (its process id is gone), without waiting for this.
   */
  staleMs?: number;
  signal?: AbortSignal | undefined;
  log?: (line: string) => void;
}

const POLL_MS = 200;
/** Beside the lock folder: which process holds it, so that a crashed holder is seen at once. */
const OWNER_SUFFIX = ".owner";

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
        stale: options.staleMs ?? 60_000,
        retries: 0,
        onCompromised: (error) => (compromised = error),
      });
      await writeOwner(lockfilePath).catch(() => undefined); // without it, only staleness frees the lock
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
        release: async () => {
          if (compromised) return;
          await rm(lockfilePath + OWNER_SUFFIX, { force: true }).catch(() => undefined);
          await release().catch(() => undefined);
        },
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "ELOCKED") {
        throw new AppError(
          "INDEX_BUILD_FAILED",
          `Could not take the index lock ${lockfilePath}: ${describeWriteError(error)}.`,
          { cause: error },
        );
      }
      if (await expireIfOwnerDead(lockfilePath)) continue;
      if (!waited) options.log?.(`index: waiting for another build to finish (${lockfilePath})`);
      waited = true;
      await sleep(POLL_MS, options.signal);
    }
  }
}

interface Owner {
  pid: number;
  host: string;
  /** The lock folder's inode: ties the owner file to this lock, not an earlier one at the same path. */
  ino: number;
}

async function writeOwner(lockfilePath: string): Promise<void> {
  const { ino } = await stat(lockfilePath);
  const owner: Owner = { pid: process.pid, host: os.hostname(), ino };
  await writeFile(lockfilePath + OWNER_SUFFIX, JSON.stringify(owner));
}

/**
 * A lock whose holder was a process of this machine that no longer exists (killed mid-build) is marked
 * stale at once, so that proper-lockfile's own stale recovery takes it over on the next try.
 */
async function expireIfOwnerDead(lockfilePath: string): Promise<boolean> {
  try {
    const owner = JSON.parse(await readFile(lockfilePath + OWNER_SUFFIX, "utf8")) as Owner;
    const lock = await stat(lockfilePath);
    if (owner.ino !== lock.ino || owner.host !== os.hostname() || isAlive(owner.pid)) return false;
    // The owner file goes first: a new holder (perhaps given the same inode) must not be taken for the dead one.
    await rm(lockfilePath + OWNER_SUFFIX, { force: true });
    await utimes(lockfilePath, new Date(0), new Date(0));
    return true;
  } catch {
    return false; // no owner file yet, or the lock just went: try again after a pause
  }
}

export function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "EPERM";
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
