import type { TokenEmbedding } from "../embedding/embedder.js";

/**
 * Each sentence's tokens as a store keeps them on disk: vocabulary ids and projected token vectors, one
 * signed byte per dimension (each vector scaled to fill the byte range: only cosines are taken, so the
 * scale is not needed back). A quarter of float32's size, for the largest file of a store.
 */
export interface TokenTable {
  /** Dimensions of a token vector; 0 when the embedder gave no token vectors. */
  dims: number;
  /** Sentence i's tokens are offsets[i] up to offsets[i + 1]. */
  offsets: Uint32Array;
  ids: Uint16Array;
  codes: Int8Array;
}

/**
 * A table in memory: each row's scale to unit length (a row's vector is its bytes times its scale; the
 * kernels read the bytes, a quarter of float vectors' memory) and in how many sentences each id is.
 */
export interface SentenceTokens extends TokenTable {
  scales: Float32Array;
  df: Map<number, number>;
}

export function emptyTokenTable(sentences: number): TokenTable {
  return {
    dims: 0,
    offsets: new Uint32Array(sentences + 1),
    ids: new Uint16Array(0),
    codes: new Int8Array(0),
  };
}

export function tokenTableOf(embeddings: readonly TokenEmbedding[], dims: number): TokenTable {
  const offsets = new Uint32Array(embeddings.length + 1);
  embeddings.forEach((e, i) => (offsets[i + 1] = offsets[i]! + e.ids.length));
  const total = offsets[embeddings.length]!;
  const ids = new Uint16Array(total);
  const codes = new Int8Array(total * dims);
  embeddings.forEach((e, i) => {
    ids.set(e.ids, offsets[i]!);
    for (let t = 0; t < e.ids.length; t++)
      quantise(e.tokens, t * dims, dims, codes, (offsets[i]! + t) * dims);
  });
  return { dims, offsets, ids, codes };
}

function quantise(from: Float32Array, at: number, dims: number, to: Int8Array, into: number): void {
  let max = 0;
  for (let k = 0; k < dims; k++) max = Math.max(max, Math.abs(from[at + k]!));
  const scale = max > 0 ? 127 / max : 0;
  for (let k = 0; k < dims; k++) to[into + k] = Math.round(from[at + k]! * scale);
}

/** The rows (sentences) given, in that order. */
export function pickTokenRows(table: TokenTable, rows: readonly number[]): TokenTable {
  return concatTokenTables(
    rows.map((r) => {
      const [a, b] = [table.offsets[r]!, table.offsets[r + 1]!];
      return {
        dims: table.dims,
        offsets: Uint32Array.of(0, b - a),
        ids: table.ids.subarray(a, b),
        codes: table.codes.subarray(a * table.dims, b * table.dims),
      };
    }),
  );
}

/** One table of every table's sentences in turn; tables without token vectors make the whole table empty. */
export function concatTokenTables(tables: readonly TokenTable[]): TokenTable {
  const sentences = tables.reduce((n, t) => n + t.offsets.length - 1, 0);
  const dims = tables[0]?.dims ?? 0;
  if (dims === 0 || tables.some((t) => t.dims !== dims)) return emptyTokenTable(sentences);
  const offsets = new Uint32Array(sentences + 1);
  const total = tables.reduce((n, t) => n + t.ids.length, 0);
  const ids = new Uint16Array(total);
  const codes = new Int8Array(total * dims);
  let row = 0;
  let token = 0;
  for (const t of tables) {
    for (let i = 1; i < t.offsets.length; i++) offsets[++row] = token + t.offsets[i]!;
    ids.set(t.ids, token);
    codes.set(t.codes, token * dims);
    token += t.ids.length;
  }
  return { dims, offsets, ids, codes };
}

/** Layout: uint32 dims, sentences, tokens; uint32 offsets; uint16 ids (padded to 4 bytes); int8 codes. */
export function serialiseTokenTable(table: TokenTable): Buffer {
  const sentences = table.offsets.length - 1;
  const idBytes = Math.ceil((table.ids.length * 2) / 4) * 4;
  const out = Buffer.alloc(12 + table.offsets.byteLength + idBytes + table.codes.byteLength);
  out.writeUInt32LE(table.dims, 0);
  out.writeUInt32LE(sentences, 4);
  out.writeUInt32LE(table.ids.length, 8);
  let at = 12;
  for (const part of [table.offsets, table.ids, table.codes] as const) {
    out.set(new Uint8Array(part.buffer, part.byteOffset, part.byteLength), at);
    at += part === table.ids ? idBytes : part.byteLength;
  }
  return out;
}

export function parseTokenTable(bytes: Buffer): TokenTable {
  const dims = bytes.readUInt32LE(0);
  const sentences = bytes.readUInt32LE(4);
  const tokens = bytes.readUInt32LE(8);
  const idBytes = Math.ceil((tokens * 2) / 4) * 4;
  const expected = 12 + (sentences + 1) * 4 + idBytes + tokens * dims;
  if (bytes.byteLength !== expected) {
    throw new Error(`the token file holds ${bytes.byteLength} bytes where its header says ${expected}`);
  }
  // Copied out: a Buffer may sit at an offset its typed arrays cannot be aligned to.
  const copy = (start: number, length: number) =>
    new Uint8Array(bytes.subarray(start, start + length)).buffer;
  let at = 12;
  const offsets = new Uint32Array(copy(at, (sentences + 1) * 4));
  at += (sentences + 1) * 4;
  const ids = new Uint16Array(copy(at, tokens * 2));
  at += idBytes;
  const codes = new Int8Array(copy(at, tokens * dims));
  return { dims, offsets, ids, codes };
}

/** Each row's scale to unit length, and each id's sentence count for weighing a question's tokens. */
export function loadSentenceTokens(table: TokenTable): SentenceTokens {
  const { dims, offsets, ids, codes } = table;
  const scales = new Float32Array(ids.length);
  for (let t = 0; t < ids.length; t++) {
    let sum = 0;
    for (let k = 0; k < dims; k++) sum += codes[t * dims + k]! ** 2;
    scales[t] = sum > 0 ? 1 / Math.sqrt(sum) : 0;
  }
  const df = new Map<number, number>();
  for (let s = 0; s + 1 < offsets.length; s++) {
    for (const id of new Set(ids.subarray(offsets[s]!, offsets[s + 1]!))) df.set(id, (df.get(id) ?? 0) + 1);
  }
  return { ...table, scales, df };
}
