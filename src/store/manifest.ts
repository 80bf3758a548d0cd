import { createHash } from "node:crypto";
import { z } from "zod";
import { chunkerParamsSchema } from "../chunking/units.js";
import { documentMetaSchema } from "../corpus/metadata.js";

/** Bump when the layout of a store folder changes; older folders are then rebuilt, never misread. */
// 2: units.json no longer holds the passages' and sentences' text (slices of the documents' text); the
// hnswlib index has one point per distinct vector, not per unit.
// 3: the manifest holds each store file's sha256 (checked on load) and the corpus files that were skipped.
// 4: sentence-tokens.bin holds each sentence's token ids and projected token vectors.
export const FORMAT_VERSION = 4;

const sha256Hex = z.string().regex(/^[0-9a-f]{64}$/);

/** A corpus file left out of the index, and why in words an operator can act on. */
export const skippedFileSchema = z.object({ path: z.string(), reason: z.string() });
export type SkippedFile = z.infer<typeof skippedFileSchema>;

export const manifestSchema = z.object({
  formatVersion: z.literal(FORMAT_VERSION).describe("Layout version of the store folder."),
  indexVersion: z
    .string()
    .regex(/^[0-9a-f]{12}$/)
    .describe("Hash of everything below but createdAt."),
  createdAt: z.string().describe("When the store was built (not part of indexVersion)."),
  model: z.object({
    id: z.string(),
    dtype: z.string(),
    dims: z.number().int().positive(),
    tokens: z.string().optional().describe("Version of the token projection of sentence-tokens.bin."),
  }),
  chunker: chunkerParamsSchema,
  lexicalVersion: z.number().int(),
  documents: z.array(
    z.object({
      path: z.string(),
      id: z.string(),
      sha256: sha256Hex,
      meta: documentMetaSchema,
      units: z.number().int().nonnegative(),
      sentences: z.number().int().nonnegative(),
    }),
  ),
  counts: z.object({ units: z.number().int().nonnegative(), sentences: z.number().int().nonnegative() }),
  files: z.record(z.string(), sha256Hex).describe("sha256 of each other file of the store folder."),
  skipped: z.array(skippedFileSchema).describe("Corpus files not indexed, with the reason."),
});

export type Manifest = z.infer<typeof manifestSchema>;
export type ManifestIdentity = Pick<Manifest, "model" | "chunker" | "lexicalVersion"> & {
  documents: { path: string; sha256: string }[];
};

/** The version names what the answers depend on: format, model, chunker, lexical processing, documents. */
export function computeIndexVersion(identity: ManifestIdentity): string {
  const canonical = JSON.stringify({
    formatVersion: FORMAT_VERSION,
    model: identity.model,
    chunker: identity.chunker,
    lexicalVersion: identity.lexicalVersion,
    documents: identity.documents.map((d) => [d.path, d.sha256]),
  });
  return createHash("sha256").update(canonical).digest("hex").slice(0, 12);
}
