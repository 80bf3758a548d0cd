/**
 * What the store and the retriever need of a dense (nearest-vector) index. The implementation is picked in
 * src/app.ts and passed in; the store only decides where its file lives and checks that file's checksum.
 */

export interface DenseHit {
  unit: number;
  /** Cosine similarity of the unit's vector to the query. */
  similarity: number;
}

export interface DenseIndex {
  /** Units searched. */
  readonly count: number;
  /** The k units most similar to the query, most similar first, ties by unit. */
  search(query: Float32Array, k: number): DenseHit[];
  /** Writes the index to one file, which `DenseIndexFactory.load` reads back. */
  write(file: string): void;
}

/** Makes dense indexes over the units' vectors: a new one when a store is written, one from its file on load. */
export interface DenseIndexFactory {
  /** `vectors` holds one row of `dims` numbers per unit, unit i in row i. */
  build(vectors: Float32Array, dims: number): DenseIndex;
  /** `vectors` are the ones the index was built from. Throws when the file does not match them. */
  load(file: string, vectors: Float32Array, dims: number): DenseIndex;
}
