/**
 * One worker thread and the queue in front of it: one request in flight at a time, urgent requests (a
 * question) ahead of bulk ones (an index build's slices). A worker that dies fails only the request it was
 * running; the next request starts a fresh one. The thread keeps the process alive only while it works.
 */
import { Worker } from "node:worker_threads";
import { AppError, describeError } from "../errors.js";
import { fromWire, type WorkerMessage, type WorkerRequest, type WorkerSetup } from "./worker-protocol.js";

/** A request without its id (the channel numbers them), each kind of request on its own. */
export type RequestBody = WithoutId<WorkerRequest>;
type WithoutId<T> = T extends unknown ? Omit<T, "id"> : never;
export type Reply = Exclude<Extract<WorkerMessage, { id: number }>, PartialReply>;
/** A message about a request that is not its reply: what the worker has so far. */
export type PartialReply = Extract<WorkerMessage, { kind: "vector" }>;

export interface WorkerChannel {
  /** Starts the thread now (the model loads): resolves when it is ready, rejects with why it could not. */
  start(): Promise<void>;
  /** `onPartial` hears what the worker sends about the request before its reply. */
  request(body: RequestBody, urgent: boolean, onPartial?: (message: PartialReply) => void): Promise<Reply>;
  /** Stops the thread at once; queued requests are rejected. */
  close(): Promise<void>;
}

interface Job {
  body: RequestBody;
  urgent: boolean;
  resolve: (reply: Reply) => void;
  reject: (error: AppError) => void;
  onPartial?: ((message: PartialReply) => void) | undefined;
}

/**
 * The worker script for the way this code runs: bundled (dist/*.mjs, the worker bundled beside it) or as
 * TypeScript (tsx, vitest), where the worker registers tsx's loader before importing the .ts entry.
 */
export function workerEntry(): { code: string; eval: true } | { url: URL; eval: false } {
  const here = import.meta.url;
  if (!here.endsWith(".ts")) return { url: new URL("./embed-worker.mjs", here), eval: false };
  const entry = new URL("./embed-worker.ts", here).href;
  const tsx = import.meta.resolve("tsx/esm/api");
  const code = `import(${JSON.stringify(tsx)}).then((m) => { m.register(); return import(${JSON.stringify(entry)}); });`;
  return { code, eval: true };
}

export interface ChannelOptions {
  /** Stops the thread after this long without a request (it starts again on the next): memory back. */
  idleStopMs?: number | undefined;
}

export function createWorkerChannel(setup: WorkerSetup, options: ChannelOptions = {}): WorkerChannel {
  const queue: Job[] = [];
  let idleTimer: NodeJS.Timeout | undefined;
  let worker: Worker | null = null;
  /** The worker has loaded what it needs and takes requests. */
  let live = false;
  let ready: Promise<void> | null = null;
  let running: { id: number; job: Job } | null = null;
  let nextId = 1;
  let closed = false;

  const spawn = (): Promise<void> => {
    const entry = workerEntry();
    const w = entry.eval
      ? new Worker(entry.code, { eval: true, workerData: setup, execArgv: [] })
      : new Worker(entry.url, { workerData: setup });
    worker = w;
    return new Promise<void>((resolve, reject) => {
      let started = false;
      w.on("message", (message: WorkerMessage) => {
        if (message.kind === "ready") {
          started = true;
          live = true;
          resolve();
          pump();
        } else if (message.kind === "failed") {
          reject(fromWire(message.error, "MODEL_UNAVAILABLE"));
          void w.terminate();
        } else settle(message);
      });
      // A worker that stops (an error, an exit, or stopped when idle) is done with: the next request starts
      // another, and its exit cannot touch that one's request.
      const gone = (reason: string) => {
        if (retired.has(w)) return;
        retire(w);
        if (!started)
          reject(new AppError("MODEL_UNAVAILABLE", `The model's worker ${reason} before it was ready.`));
        fail(new AppError("EMBED_FAILED", `The model's worker ${reason} during a request.`));
      };
      w.on("error", (error) => gone(`failed (${describeError(error)})`));
      w.on("exit", (code) => gone(`exited (code ${code})`));
    });
  };

  const retired = new WeakSet<Worker>();
  const retire = (w: Worker) => {
    retired.add(w);
    if (worker !== w) return;
    worker = null;
    live = false;
    ready = null;
  };

  const start = (): Promise<void> => {
    if (closed) return Promise.reject(closingError());
    ready ??= spawn().catch((error: unknown) => {
      ready = null;
      // A worker that cannot start would fail every queued request the same way.
      for (const job of queue.splice(0)) job.reject(error as AppError);
      throw error;
    });
    return ready;
  };

  /** Fails the request in flight: the worker that ran it is gone. */
  const fail = (error: AppError) => {
    const job = running?.job;
    running = null;
    job?.reject(error);
    if (queue.length > 0 && !closed) void start().catch(() => undefined);
  };

  const settle = (reply: Reply | PartialReply) => {
    if (!running || running.id !== reply.id) return;
    const { job } = running;
    if (reply.kind === "vector") {
      job.onPartial?.(reply);
      return;
    }
    running = null;
    if (reply.kind === "error") job.reject(fromWire(reply.error));
    else job.resolve(reply);
    pump();
  };

  const pump = () => {
    if (running || closed || !worker || !live) return;
    const at = queue.findIndex((j) => j.urgent);
    const job = queue.splice(at >= 0 ? at : 0, 1)[0];
    clearTimeout(idleTimer);
    if (!job) {
      worker.unref();
      if (options.idleStopMs !== undefined) idleTimer = setTimeout(stopIdle, options.idleStopMs).unref();
      return;
    }
    worker.ref();
    running = { id: nextId++, job };
    worker.postMessage({ ...job.body, id: running.id });
  };

  const stopIdle = () => {
    if (running || queue.length > 0 || !worker) return;
    const w = worker;
    retire(w);
    void w.terminate();
  };

  return {
    start,
    request(body, urgent, onPartial) {
      if (closed) return Promise.reject(closingError());
      return new Promise<Reply>((resolve, reject) => {
        queue.push({ body, urgent, resolve, reject, onPartial });
        if (live) pump();
        else void start().catch(() => undefined);
      });
    },
    async close() {
      closed = true;
      clearTimeout(idleTimer);
      for (const job of queue.splice(0)) job.reject(closingError());
      running?.job.reject(closingError());
      running = null;
      live = false;
      await worker?.terminate();
      worker = null;
    },
  };
}

const closingError = () => new AppError("EMBED_FAILED", "The embedder is closed.");
