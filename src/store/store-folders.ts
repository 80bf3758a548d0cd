import { randomBytes } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { readdir, rm } from "node:fs/promises";
import path from "node:path";
import { FILES } from "./store.js";
import { isAlive } from "./write-lock.js";

/**
 * Every build writes a folder of its own: `store-<version>-<stamp>`, staged as `<that>.tmp-<pid>`. Two builds
 * of the same version never share a folder, so a build never overwrites the live one.
 */
export function newStoreNames(version: string): { name: string; staging: string } {
  const name = `store-${version}-${Date.now().toString(36)}${randomBytes(3).toString("hex")}`;
  return { name, staging: `${name}.tmp-${process.pid}` };
}

/** The folder name CURRENT holds, or null. */
export function currentName(indexDir: string): string | null {
  const pointer = path.join(indexDir, FILES.current);
  if (!existsSync(pointer)) return null;
  return readFileSync(pointer, "utf8").trim() || null;
}

const STAGING = /\.tmp-(\d+)$/;

/**
 * Removes older store folders and crashed builds' staging folders. Called with the write lock held; never
 * removes the folder CURRENT names (read again before each removal) or the staging folder of a live process.
 */
export async function removeStale(indexDir: string, keep: string): Promise<void> {
  if (!existsSync(indexDir)) return;
  for (const entry of await readdir(indexDir)) {
    if (!entry.startsWith("store-") || entry === keep) continue;
    const staging = STAGING.exec(entry);
    if (staging && isLiveWriter(Number(staging[1]))) continue;
    if (entry === currentName(indexDir)) continue;
    await rm(path.join(indexDir, entry), { recursive: true, force: true });
  }
}

/** This process's own leftovers are not live: the build holding the lock is the one running now. */
function isLiveWriter(pid: number): boolean {
  return pid !== process.pid && isAlive(pid);
}
