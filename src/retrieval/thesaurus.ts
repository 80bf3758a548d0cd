import { processQueryTerm, queryTerms, stem, tokenize } from "./text-normalise.js";

/**
 * Everyday words a resident asks with, and the words government work reports use for the same things.
 * Written from the register of such reports in general (not from any question set): a reader says "jobs",
 * "companies" or "spend", a report says "employment", "enterprises" or "consumption". Expansions only add
 * candidates and coverage; they never change what is quoted.
 */
const PLAIN_TO_OFFICIAL: Record<string, string[]> = {
  job: ["employment", "jobs"],
  work: ["employment"],
  unemployed: ["unemployed", "employment"],
  company: ["enterprises"],
  firm: ["enterprises"],
  business: ["enterprises", "commercial"],
  startup: ["entrepreneurship", "incubation", "start-up"],
  spend: ["consumption"],
  shopping: ["consumption", "commercial"],
  buy: ["consumption"],
  money: ["funds", "financial", "income", "investment"],
  fund: ["funds", "financing", "investment"],
  earn: ["income"],
  income: ["income"],
  rich: ["income"],
  house: ["housing", "houses"],
  home: ["housing", "houses"],
  flat: ["housing"],
  rent: ["rental"],
  transport: ["railway", "highway", "tunnel", "road", "transportation", "traffic"],
  traffic: ["transportation", "road"],
  train: ["railway"],
  metro: ["railway", "line"],
  subway: ["railway", "line"],
  road: ["road", "highway"],
  car: ["vehicles", "automobile"],
  tree: ["forest", "greening", "green"],
  park: ["park", "parks", "green"],
  nature: ["ecological", "green"],
  environment: ["ecological", "green", "low-carbon"],
  pollution: ["environment", "ecological", "low-carbon"],
  climate: ["low-carbon", "green"],
  carbon: ["low-carbon"],
  energy: ["energy"],
  skilled: ["talent", "talents"],
  expert: ["talent", "talents"],
  worker: ["employment", "talent"],
  graduate: ["graduates", "college"],
  student: ["graduates", "college", "universities"],
  university: ["universities", "colleges"],
  school: ["education", "colleges"],
  research: ["research", "innovation", "scientific"],
  science: ["scientific", "technology"],
  tech: ["technology", "technological", "innovation"],
  technology: ["technological", "innovation"],
  ai: ["artificial", "intelligence"],
  chip: ["integrated", "circuits"],
  medicine: ["biomedicine"],
  drug: ["biomedicine"],
  health: ["medical", "biomedicine"],
  space: ["aerospace"],
  plane: ["aviation"],
  airport: ["airport", "aviation"],
  factory: ["manufacturing", "industrial"],
  manufacturing: ["manufacturing", "industrial"],
  farm: ["agricultural", "farmland", "rural"],
  farmer: ["agricultural", "rural"],
  village: ["villages", "rural"],
  countryside: ["rural", "villages"],
  old: ["elderly", "old"],
  elderly: ["elderly", "aged"],
  disabled: ["disabled"],
  veteran: ["soldiers"],
  soldier: ["soldiers"],
  dispute: ["conflict", "resolution", "petition"],
  complaint: ["hotline", "petition", "suggestions"],
  crime: ["security", "safety"],
  danger: ["safety", "hazardous"],
  fire: ["fire"],
  safe: ["safety", "security"],
  trade: ["trade", "import", "export"],
  export: ["trade", "foreign"],
  foreign: ["foreign", "international", "cross-border"],
  abroad: ["foreign", "international", "cross-border"],
  economy: ["economic", "growth"],
  growth: ["growth", "development"],
  rule: ["policies", "regulations"],
  law: ["policies", "legal"],
  tax: ["taxation"],
  tourist: ["tourism"],
  tourism: ["tourism", "cultural"],
  night: ["nighttime"],
  green: ["green", "ecological", "greening"],
  renovate: ["renovation", "upgrading"],
  repair: ["renovation"],
  build: ["construction"],
  finish: ["completion", "completed"],
  goal: ["targets", "goals"],
  target: ["targets"],
  plan: ["plan"],
  help: ["support", "services"],
  publish: ["source", "newspaper"],
  newspaper: ["source"],
  speech: ["introduction", "report"],
  speaker: ["mayor"],
};

const TABLE = new Map(Object.entries(PLAIN_TO_OFFICIAL).map(([k, v]) => [stem(k), v]));

/** Each content term of the question with its report-register alternatives (stemmed), itself first. */
export function queryTermGroups(question: string): { term: string; alternatives: string[] }[] {
  const out: { term: string; alternatives: string[] }[] = [];
  for (const term of queryTerms(question)) {
    const alternatives = [term];
    for (const word of TABLE.get(term) ?? []) {
      for (const token of tokenize(word)) {
        const processed = processQueryTerm(token);
        if (processed && !alternatives.includes(processed)) alternatives.push(processed);
      }
    }
    out.push({ term, alternatives });
  }
  return out;
}

/** Report-register words for a question's everyday words (stemmed query terms), excluding terms it already has. */
export function expandQuestion(question: string): string[] {
  const own = new Set(
    tokenize(question)
      .map((t) => processQueryTerm(t))
      .filter(Boolean),
  );
  const out: string[] = [];
  for (const term of own) {
    for (const word of TABLE.get(term as string) ?? []) {
      const processed = processQueryTerm(word);
      if (processed && !own.has(processed) && !out.includes(word)) out.push(word);
    }
  }
  return out;
}
