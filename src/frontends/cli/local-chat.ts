/**
 * The local chat `npm start` runs when no Discord token is set: the bot's replies as text in the terminal,
 * with /quote, /brief, /outline, /sources, /about, /help and /quit. Every other line goes through the
 * conversation (questions, follow-ups, greetings). Works with a terminal (line editing, history, width,
 * colour) and with a pipe (plain lines).
 */
import { clearLine, createInterface, cursorTo } from "node:readline";
import type { Answerer } from "../../answer/answerer.js";
import { brief } from "../../briefing/brief.js";
import { outline } from "../../briefing/outline.js";
import { renderBriefingText, renderOutlineText } from "../../briefing/render-text.js";
import { createConversation, type Reply } from "../../conversation/conversation.js";
import type { Turn } from "../../conversation/memory.js";
import { isAppError } from "../../errors.js";
import { findQuotes } from "../../wording/find-quotes.js";
import { renderQuotesText } from "../../wording/render-text.js";
import { FOLLOW_UP_HINT, replyNote, WHAT_I_DO } from "../shared/conversation-notes.js";
import { chooseDocument } from "../shared/doc-scope.js";
import {
  aboutIndex,
  nearestSections,
  titlesOf,
  unseenPassages,
  type AboutIndex,
  type Engine,
} from "../shared/report-view.js";
import { citationContext } from "../shared/short-citation.js";
import {
  chatStyle,
  PLAIN,
  renderChatAnswer,
  renderChatPassage,
  renderSourcesText,
  wrapPlain,
  type ChatStyle,
  type ChatView,
} from "./chat-render.js";

export const NO_TOKEN_LINE =
  "No DISCORD_TOKEN found, so this is a local chat in the terminal. To connect to Discord, set DISCORD_TOKEN and DISCORD_APP_ID (see docs/discord.md).";

export const CHAT_HELP =
  "Type a question, or /quote <phrase> (exact wording), /brief <section or topic>, /outline [document], /sources (full citations and more passages for the last answer), /about, /help, /quit.";

/** The answer to /help, "help" or "are you a bot?": what the bot is, then how to use it. */
const HELP_REPLY = `${WHAT_I_DO}\n${CHAT_HELP}\n${FOLLOW_UP_HINT}`;

/** The prompt: unlike the bar that marks quoted text, so an answer never looks typed. */
export const PROMPT = "ask › ";

/** Most hits `/quote` prints; the terminal has no pages. */
const CHAT_MAX_HITS = 20;

const SOURCES_PAGE = 3;

/** The one conversation of a local chat session. */
const SESSION = "local";

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

export interface LocalChatOptions {
  /** Columns to wrap quotes to; Infinity (the default) does not wrap. */
  width?: () => number;
  style?: ChatStyle;
  /** Whether a translator takes a message in another language (App.translates). */
  translates?: (text: string) => boolean;
}

export function createLocalChat(
  engine: Engine,
  write: (text: string) => void,
  options: LocalChatOptions = {},
): LocalChat {
  const conversation = createConversation({
    nearest: (a) => nearestSections(a),
    translates: options.translates,
  });
  /** Turns whose quotes' full citations /sources has shown. */
  const cited = new WeakSet<Turn>();
  const width = () => options.width?.() ?? Infinity;
  const view = (answerer: Answerer): ChatView => ({
    ctx: citationContext(answerer.store),
    width: width(),
    style: options.style ?? PLAIN,
  });

  const sources = (turn: Turn | undefined) => {
    if (!turn) return "Ask a question first; /sources then shows where its quotes stand and more passages.";
    const quotes = cited.has(turn) ? [] : turn.answer.quotes;
    cited.add(turn);
    const unseen = unseenPassages(turn.answer, [...turn.shown, ...turn.answer.quotes]);
    if (unseen.length === 0 && quotes.length === 0) return "That is every passage found for this question.";
    const page = unseen.slice(0, SOURCES_PAGE);
    turn.shown.push(...page);
    const answerer = engine.answerer();
    const more = unseen.length - page.length;
    return renderSourcesText({ quotes, passages: page, more }, titlesOf(answerer.store), view(answerer));
  };

  const render = (reply: Reply, answerer: Answerer): string => {
    const note = replyNote(reply, HELP_REPLY);
    if (note !== undefined) return wrapPlain(note, view(answerer).width);
    if (reply.kind === "answer") return renderChatAnswer(reply.answer, view(answerer), reply.asked);
    if (reply.kind === "passage") return renderChatPassage(reply, view(answerer));
    if (reply.kind === "sources") return sources(reply.turn);
    return CHAT_HELP;
  };

  /** The wording tools: pure functions of the current index, no model. */
  const tools: Record<string, (arg: string) => string> = {
    "/quote": (phrase) => {
      if (!phrase) return "Give the words to look for: /quote <a phrase of the report>";
      const store = engine.answerer().store;
      const hits = findQuotes(store, phrase, { maxHits: CHAT_MAX_HITS });
      const more = hits.length === CHAT_MAX_HITS ? `\n(the first ${CHAT_MAX_HITS} hits)` : "";
      return renderQuotesText(phrase, hits, titlesOf(store)) + more;
    },
    "/brief": (topic) => {
      if (!topic) return "Give a section number, a section title or a topic: /brief 2";
      const store = engine.answerer().store;
      return renderBriefingText(brief(store, topic), titlesOf(store));
    },
    "/outline": (doc) => {
      const store = engine.answerer().store;
      const choice = chooseDocument(store, doc);
      if (!choice.ok) {
        const known = choice.known.map((d) => `  • ${d.path} — ${d.title}`);
        const head = `No document "${choice.input}" is indexed. Known documents:`;
        return [head, ...known].join("\n");
      }
      return renderOutlineText(outline(store, { doc: choice.doc }));
    },
    "/sources": () => sources(conversation.last(SESSION)),
    "/about": () => renderAboutText(aboutIndex(engine.answerer().store)),
    "/help": () => wrapPlain(HELP_REPLY, width()),
  };

  return {
    async handle(line) {
      const input = line.trim();
      if (!input) return "continue";
      const [, command = "", arg = ""] = /^(\/\S+)\s*([\s\S]*)$/.exec(input) ?? [];
      if (command === "/quit" || command === "/exit") return "quit";
      try {
        const tool = tools[command];
        if (tool) write(tool(arg.trim()));
        else if (command) write(wrapPlain(`Unknown command ${command}. ${CHAT_HELP}`, width()));
        else {
          const answerer = engine.answerer();
          write(render(await conversation.respond(SESSION, input, { answerer }), answerer));
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
  output: NodeJS.WritableStream & { columns?: number };
  /** A terminal gets a prompt, line editing, wrapping and colour; a pipe gets none of them. */
  terminal: boolean;
  /** Where status lines go (index refreshes); stderr by default. */
  statusOutput?: NodeJS.WritableStream;
  env?: NodeJS.ProcessEnv;
  /** Whether a translator takes a message in another language (App.translates). */
  translates?: (text: string) => boolean;
}

export interface RunningChat {
  /** Resolves when the user quits or the input ends. */
  done: Promise<void>;
  /** Stops reading; the answer being computed, if any, is still printed. */
  close(): void;
  /** Prints a status line without breaking the prompt or what the user is typing. */
  status(line: string): void;
}

export function runLocalChat(options: RunLocalChatOptions): RunningChat {
  const { output, terminal } = options;
  const statusOutput = options.statusOutput ?? process.stderr;
  const rl = createInterface({ input: options.input, output, terminal, prompt: PROMPT, historySize: 200 });
  // Set by close() only: the end of a pipe also closes readline, but lines read before it still count.
  let stopped = false;
  /** Whether the prompt is on screen, waiting for a line (not while an answer is computed). */
  let prompting = false;
  const close = () => {
    stopped = true;
    rl.close();
  };
  const prompt = () => {
    prompting = true;
    rl.prompt();
  };
  const status = (line: string) => {
    if (!terminal || !prompting) return void statusOutput.write(`${line}\n`);
    // Take the prompt line away, print the status, then draw the prompt again with what was typed.
    clearLine(output, 0);
    cursorTo(output, 0);
    statusOutput.write(`${line}\n`);
    rl.prompt(true);
  };
  // Ctrl+C in a terminal reaches readline, not the process; without a listener readline only pauses.
  rl.on("SIGINT", close);
  const columns = () => (terminal && output.columns ? output.columns : Infinity);
  const chat = createLocalChat(options.engine, (text) => output.write(`${text}\n`), {
    width: columns,
    style: chatStyle(terminal, options.env ?? process.env),
    translates: options.translates,
  });
  const done = (async () => {
    try {
      output.write(`${wrapPlain(CHAT_HELP, columns())}\n`);
      if (terminal) prompt();
      for await (const line of rl) {
        prompting = false;
        if (stopped || (await chat.handle(line)) === "quit") break;
        if (terminal) prompt();
      }
    } finally {
      prompting = false;
      rl.close();
    }
  })();
  return { done, close, status };
}
