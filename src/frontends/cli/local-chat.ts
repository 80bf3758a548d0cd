/**
 * The local chat `npm start` runs when no Discord token is set: the bot's answers as plain text in the
 * terminal, with /quote, /brief, /outline, /sources, /about and /quit. Works with a terminal (line editing,
 * history) and with a pipe.
 */
import { createInterface } from "node:readline";
import { citation, renderAnswerText, type DocTitles } from "../../answer/render-text.js";
import type { Answer, PassageOut } from "../../answer/types.js";
import { brief } from "../../briefing/brief.js";
import { outline } from "../../briefing/outline.js";
import { renderBriefingText, renderOutlineText } from "../../briefing/render-text.js";
import { isAppError } from "../../errors.js";
import { findQuotes } from "../../wording/find-quotes.js";
import { renderQuotesText } from "../../wording/render-text.js";
import { chooseDocument } from "../shared/doc-scope.js";
import {
  aboutIndex,
  titlesOf,
  unseenPassages,
  type AboutIndex,
  type Engine,
  type Span,
} from "../shared/report-view.js";

export const NO_TOKEN_LINE =
  "No DISCORD_TOKEN found, so this is a local chat in the terminal. To connect to Discord, set DISCORD_TOKEN and DISCORD_APP_ID (see docs/discord.md).";

export const CHAT_HELP =
  "Type a question, or /quote <phrase> (exact wording), /brief <section or topic>, /outline [document], /sources (more passages for the last answer), /about, /quit.";

/** Most hits `/quote` prints; the terminal has no pages. */
const CHAT_MAX_HITS = 20;

const SOURCES_PAGE = 3;

export function renderSourcesText(passages: readonly PassageOut[], titles: DocTitles, more: number): string {
  const lines: string[] = [];
  for (const p of passages) lines.push(`> ${p.text}`, `  — ${citation(p, titles)}`, "");
  lines.push(more > 0 ? `(${more} more: /sources again)` : "(that is every passage found for this question)");
  return lines.join("\n");
}

export function renderAboutText(about: AboutIndex): string {
  const lines = ["Documents:"];
  for (const d of about.documents) {
    lines.push(`  • ${d.title}`);
    if (d.occasion ?? d.date) lines.push(`    ${d.occasion ?? d.date}`);
    if (d.source) lines.push(`    Source: ${d.source}`);
    lines.push(`    File: ${d.path}`);
  }
  lines.push(
    `Passages: ${about.passages}`,
    `Model: ${about.model}`,
    `Index version: ${about.indexVersion} (built ${about.builtAt})`,
  );
  return lines.join("\n");
}

export interface LocalChat {
  /** Handles one input line; "quit" when the user asked to leave. */
  handle(line: string): Promise<"quit" | "continue">;
}

export function createLocalChat(engine: Engine, write: (text: string) => void): LocalChat {
  let last: { answer: Answer; shown: Span[] } | undefined;

  const sources = () => {
    if (!last) return "Ask a question first; /sources then shows more passages for it.";
    const unseen = unseenPassages(last.answer, last.shown);
    if (unseen.length === 0) return "That is every passage found for this question.";
    const page = unseen.slice(0, SOURCES_PAGE);
    last.shown.push(...page);
    return renderSourcesText(page, titlesOf(engine.answerer().store), unseen.length - page.length);
  };

  /** The wording tools: pure functions of the current index, no model. */
  const tools: Record<string, (arg: string) => string> = {
    "/quote": (phrase) => {
      if (!phrase) return "Give the words to look for: /quote 650 mu of forest";
      const store = engine.answerer().store;
      const hits = findQuotes(store, phrase, { maxHits: CHAT_MAX_HITS });
      const more = hits.length === CHAT_MAX_HITS ? `\n(the first ${CHAT_MAX_HITS} hits)` : "";
      return renderQuotesText(phrase, hits, titlesOf(store)) + more;
    },
    "/brief": (topic) => {
      if (!topic) return "Give a section number, a section title or a topic: /brief rural revitalization";
      const store = engine.answerer().store;
      return renderBriefingText(brief(store, topic), titlesOf(store));
    },
    "/outline": (doc) => {
      const store = engine.answerer().store;
      const choice = chooseDocument(store, doc);
      if (!choice.ok) {
        const known = choice.known.map((d) => `  • ${d.path} — ${d.title}`);
        return [`No document "${choice.input}" is indexed. Known documents:`, ...known].join("\n");
      }
      return renderOutlineText(outline(store, { doc: choice.doc }));
    },
  };

  return {
    async handle(line) {
      const input = line.trim();
      if (!input) return "continue";
      const [, command = "", arg = ""] = /^(\/\w+)\s*([\s\S]*)$/.exec(input) ?? [];
      if (input === "/quit" || input === "/exit") return "quit";
      try {
        if (input === "/sources") write(sources());
        else if (input === "/about") write(renderAboutText(aboutIndex(engine.answerer().store)));
        else if (tools[command]) write((tools[command] as (arg: string) => string)(arg.trim()));
        else if (command) write(CHAT_HELP);
        else {
          const answerer = engine.answerer();
          const { answer } = await answerer.ask(input);
          last = { answer, shown: [] };
          write(renderAnswerText(answer, titlesOf(answerer.store)));
        }
      } catch (error) {
        // A bad question is the user's to fix; anything else is for the operator and ends the chat.
        if (!isAppError(error) || !error.userFacing) throw error;
        write(`${error.message} ${error.hint}`);
      }
      write("");
      return "continue";
    },
  };
}

export interface RunLocalChatOptions {
  engine: Engine;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** A terminal gets a prompt and line editing; a pipe gets neither. */
  terminal: boolean;
}

export interface RunningChat {
  /** Resolves when the user quits or the input ends. */
  done: Promise<void>;
  /** Stops reading; the answer being computed, if any, is still printed. */
  close(): void;
}

export function runLocalChat(options: RunLocalChatOptions): RunningChat {
  const { output, terminal } = options;
  const rl = createInterface({ input: options.input, output, terminal, prompt: "> ", historySize: 200 });
  // Set by close() only: the end of a pipe also closes readline, but lines read before it still count.
  let stopped = false;
  const close = () => {
    stopped = true;
    rl.close();
  };
  // Ctrl+C in a terminal reaches readline, not the process; without a listener readline only pauses.
  rl.on("SIGINT", close);
  const chat = createLocalChat(options.engine, (text) => output.write(`${text}\n`));
  const done = (async () => {
    try {
      output.write(`${CHAT_HELP}\n`);
      if (terminal) rl.prompt();
      for await (const line of rl) {
        if (stopped || (await chat.handle(line)) === "quit") break;
        if (terminal) rl.prompt();
      }
    } finally {
      rl.close();
    }
  })();
  return { done, close };
}
