import { createHash } from "node:crypto";
import path from "node:path";
import { z } from "zod";
import { linear, logisticSchema, readFittedFile, sigmoid } from "./answer-model.js";
import { QUESTION_FEATURES, type FeatureRow, type QuestionFeature } from "./features.js";

/**
 * A shelf's own calibration of the confidence, fitted by `npm run fit` on labelled questions about that shelf
 * and kept beside its documents. The general model's confidence is fitted mostly on Wikipedia questions, whose
 * unanswerable ones are written to look answerable; on a shelf whose questions behave otherwise (a report's
 * off-topic questions are far from all of it; its right answers surer) a small logistic regression over the
 * general log-odds and a few of the same general inputs says so, with the shelf's own threshold.
 * A shelf without the file uses the general calibration.
 */
export const SHELF_CALIBRATION_FILE = "answer-calibration.json";

/** The general confidence's log-odds, the first input of a shelf's calibration. */
export const LOG_ODDS = "logOdds";
/**
 * What the shelf's answer memory says of the quoted sentence (src/answer/answer-memory.ts), as the
 * calibration's inputs: the question's likeness to the unanswerable questions the sentence was quoted for,
 * and that less its likeness to the answered questions the sentence answers ("which departments will it
 * cooperate with?" was unanswerable and "who will draw up the plan?" answered, with the same sentence: a
 * new question is told by which it is nearer). 0 likeness means none closer than the memory's floor.
 */
export const MEMORY_INPUTS = ["unansweredLikeness", "unansweredMargin"] as const;
export type MemoryInput = (typeof MEMORY_INPUTS)[number];

/**
 * What the answerer recalls of the quoted sentence. A likeness left out is not known, and is taken at its
 * mean over the questions the calibration was fitted on: a machine translation's likeness to answered
 * questions says more of its wording than of its meaning (it made translated questions surer to be
 * refused; docs/answer-quality.md), so a translated question leaves it out.
 */
export interface Recalled {
  unansweredLikeness?: number | undefined;
  answeredLikeness?: number | undefined;
}
const INPUTS = [LOG_ODDS, ...QUESTION_FEATURES, ...MEMORY_INPUTS] as const;
type Input = (typeof INPUTS)[number];
const isMemoryInput = (f: string): f is MemoryInput => (MEMORY_INPUTS as readonly string[]).includes(f);

export const shelfCalibrationSchema = z.object({
  format: z.literal(1).describe("Bumped when the file's layout changes."),
  answerModel: z
    .string()
    .describe("Version of the answer model whose confidences it recalibrates; another model's are not."),
  model: logisticSchema.describe(
    `Probability that the quotes answer, over "${LOG_ODDS}", some of the confidence's inputs and the memory's.`,
  ),
  threshold: z.number().min(0).max(1).describe("Below this calibrated confidence the answer abstains."),
  fitted: z.record(z.string(), z.unknown()).describe("How it was fitted: data, date, validation figures."),
});
export type ShelfCalibrationFile = z.infer<typeof shelfCalibrationSchema>;

export interface ShelfCalibration {
  /** Hash of what changes answers; joins the answer model's version in every answer. */
  version: string;
  threshold: number;
  apply(confidence: number, features: FeatureRow<QuestionFeature>, memory?: Recalled | undefined): number;
}

/** Log-odds of a probability, held just inside 0 and 1 so that they are finite. */
export function logOdds(confidence: number): number {
  const p = Math.min(1 - 1e-6, Math.max(1e-6, confidence));
  return Math.log(p / (1 - p));
}

export function shelfCalibration(file: ShelfCalibrationFile, source: string): ShelfCalibration {
  const logit = linear(file.model, INPUTS, "SHELF_CALIBRATION_INVALID", source);
  const used = file.model.features as Input[];
  const mean = (f: MemoryInput) => file.model.mean[file.model.features.indexOf(f)] ?? 0;
  // The mean answered likeness, from the two inputs' means: the margin's mean is theirs less it.
  const meanAnswered = mean("unansweredLikeness") - mean("unansweredMargin");
  const memoryInputs = (m: Recalled): FeatureRow<MemoryInput> => {
    const unanswered = m.unansweredLikeness ?? mean("unansweredLikeness");
    return {
      unansweredLikeness: unanswered,
      unansweredMargin: unanswered - (m.answeredLikeness ?? meanAnswered),
    };
  };
  const { fitted: _fitted, ...behaviour } = file;
  return {
    version: createHash("sha256").update(JSON.stringify(behaviour)).digest("hex").slice(0, 8),
    threshold: file.threshold,
    apply: (confidence, row, memory = {}) => {
      // Only the inputs the file uses, one by one: merging the rows by spreading costs several µs a question.
      const recalled = memoryInputs(memory);
      const inputs = {} as FeatureRow<Input>;
      for (const f of used) {
        inputs[f] = f === LOG_ODDS ? logOdds(confidence) : isMemoryInput(f) ? recalled[f] : row[f];
      }
      return sigmoid(logit(inputs));
    },
  };
}

/**
 * The calibration beside a corpus, if it has one and it was fitted for this answer model. A file for another
 * model is set aside with a warning (its numbers describe that model's confidences), never applied.
 */
export function loadShelfCalibration(
  corpusDir: string,
  answerModelVersion: string,
  warn: (line: string) => void,
): ShelfCalibration | undefined {
  const file = path.join(corpusDir, SHELF_CALIBRATION_FILE);
  const parsed = readFittedFile(shelfCalibrationSchema, file, "SHELF_CALIBRATION_INVALID");
  if (!parsed) return undefined;
  if (parsed.answerModel !== answerModelVersion) {
    warn(
      `${file} was fitted for answer model ${parsed.answerModel}, not ${answerModelVersion}; using the general calibration (refit with npm run fit)`,
    );
    return undefined;
  }
  return shelfCalibration(parsed, file);
}
