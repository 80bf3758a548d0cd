/** Reads a V8 .cpuprofile (from `node --cpu-prof` or the inspector) into self time per function and per part. */
import { round } from "./stats.js";

export interface CpuProfile {
  nodes: {
    id: number;
    callFrame: { functionName: string; url: string; lineNumber: number; columnNumber?: number };
    children?: number[];
  }[];
  samples: number[];
  timeDeltas: number[];
}

export interface ProfileSummary {
  total_ms: number;
  /** Self time grouped by what the code belongs to (engine folder, library, V8). */
  parts: { part: string; ms: number; share: number }[];
  top_self: { fn: string; part: string; ms: number; share: number }[];
}

type Frame = CpuProfile["nodes"][number]["callFrame"];

/** Which part of the program a frame belongs to, from its script URL; null for native code (no URL). */
export function partOf(frame: Frame): string | null {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === "(idle)") return "idle (main thread waiting)";
    if (functionName === "(garbage collector)") return "garbage collector";
    return functionName.startsWith("(") ? `V8 ${functionName}` : null;
  }
  const lib = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (lib) return lib[1] as string;
  const src = /\/src\/([^/]+)\//.exec(url);
  if (src) return `engine src/${src[1]}`;
  if (url.startsWith("node:")) return "node internals";
  return "other";
}

function describeFrame(frame: Frame): string {
  const file = frame.url.replace(/^.*\/(node_modules|src)\//, "$1/");
  return `${frame.functionName || "(anonymous)"} ${file}:${frame.lineNumber + 1}:${(frame.columnNumber ?? 0) + 1}`;
}

/**
 * Self time per function and per part. Native code (an addon's or V8's built-ins) has no URL and sometimes a
 * wrong name, so it is charged to its nearest JavaScript caller: "onnxruntime-node (native)" is inference.
 */
export function summariseProfile(profile: CpuProfile, top = 15): ProfileSummary {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const n of profile.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  const label = (id: number): { fn: string; part: string } => {
    const frame = (byId.get(id) as CpuProfile["nodes"][number]).callFrame;
    const part = partOf(frame);
    if (part !== null) return { fn: frame.url ? describeFrame(frame) : frame.functionName, part };
    let up = parent.get(id);
    while (up !== undefined && !byId.get(up)?.callFrame.url) up = parent.get(up);
    const caller = up === undefined ? undefined : byId.get(up)?.callFrame;
    if (!caller) return { fn: `${frame.functionName} (native)`, part: "native / built-in" };
    return { fn: `native code under ${describeFrame(caller)}`, part: `${partOf(caller)} (native)` };
  };
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byFn = new Map<string, { part: string; us: number }>();
  const byPart = new Map<string, number>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    if (!byId.has(id)) continue;
    const { fn, part } = label(id);
    byFn.set(fn, { part, us: (byFn.get(fn)?.us ?? 0) + us });
    byPart.set(part, (byPart.get(part) ?? 0) + us);
    totalUs += us;
  }
  const share = (us: number) => round(totalUs > 0 ? us / totalUs : 0, 3);
  return {
    total_ms: round(totalUs / 1000, 1),
    parts: [...byPart]
      .sort((a, b) => b[1] - a[1])
      .map(([part, us]) => ({ part, ms: round(us / 1000, 1), share: share(us) })),
    top_self: [...byFn]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([fn, v]) => ({ fn, part: v.part, ms: round(v.us / 1000, 1), share: share(v.us) })),
  };
}
