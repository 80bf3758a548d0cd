/**
 * The HTML pages. Each is a plain GET form whose answer is rendered on the server, so a page's URL can be
 * shared and bookmarked, and asking works without script. An input error is shown on the page itself.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { DEFAULT_ANSWERER, validateQuestion, type Answerer } from "../../answer/answerer.js";
import { brief } from "../../briefing/brief.js";
import { outline } from "../../briefing/outline.js";
import { createConversation } from "../../conversation/conversation.js";
import { isAppError } from "../../errors.js";
import type { Store } from "../../store/store.js";
import { findQuotes } from "../../wording/find-quotes.js";
import { replyNote, WHAT_I_DO } from "../shared/conversation-notes.js";
import { documentRefs } from "../shared/doc-scope.js";
import { titlesOf, type Engine } from "../shared/report-view.js";
import { errorBody, statusOf, type ErrorBody } from "./http-errors.js";
import { askQuery, briefQuery, outlineQuery, parseQuery, quoteQuery, readQuery } from "./params.js";
import { renderAskPage } from "./pages/ask.js";
import { renderBriefPage } from "./pages/brief.js";
import { renderOutlinePage } from "./pages/outline.js";
import { renderQuotePage } from "./pages/quote.js";
import { renderReaderPage } from "./pages/reader.js";

/** The most hits the wording page pages through; the API's `max` can ask for other counts. */
const PAGE_MAX_HITS = 500;

export function sendHtml(reply: FastifyReply, body: string, status = 200): FastifyReply {
  return reply.code(status).type("text/html; charset=utf-8").send(body);
}

/** Runs `work`; a user-facing error becomes the page's error box with its status, anything else propagates. */
async function orError<T>(
  work: () => Promise<T> | T,
): Promise<{ value?: T; error?: ErrorBody; status: number }> {
  try {
    return { value: await work(), status: 200 };
  } catch (error) {
    if (!isAppError(error) || !error.userFacing) throw error;
    return { error: errorBody(error), status: statusOf(error) };
  }
}

/** The first error of a page's steps, with its status; 200 when none failed. */
function outcome(...steps: { error?: ErrorBody; status: number }[]): { error?: ErrorBody; status: number } {
  return steps.find((step) => step.error) ?? { status: 200 };
}

const shelf = (store: Store) => ({ docs: documentRefs(store), titles: titlesOf(store) });

/** The help text of the ask page, for "help" typed in its box. */
const WEB_HELP = `${WHAT_I_DO} Type a question, e.g. “What is planned for housing this year?”. Wording finds an exact phrase; Briefing sums up a topic; Outline lists the sections.`;

/**
 * A message typed in the ask box, read as every front end reads one (src/conversation): a question is
 * answered, a greeting, a request to write something or a follow-up with nothing before it gets its note.
 * The page keeps no conversation, so each message stands alone.
 */
async function respond(engine: Engine, answerer: Answerer, text: string, doc: string | undefined) {
  // Too long or empty is an input error on the page, whatever the message would be read as.
  validateQuestion(text, DEFAULT_ANSWERER.maxQuestionChars);
  const conversation = createConversation({
    translates: engine.translates?.bind(engine),
    nearest: (answer) => answer.passages,
  });
  const reply = await conversation.respond("page", text, { answerer, doc });
  return reply.kind === "answer" ? { answer: reply.answer } : { note: replyNote(reply, WEB_HELP) };
}

export function registerPageRoutes(server: FastifyInstance, engine: Engine): void {
  server.get("/", async (request, reply) => {
    const answerer = engine.answerer();
    const r = await orError(() => parseQuery(askQuery, request.query));
    const { q = "", doc } = r.value ?? {};
    const asked = q ? await orError(() => respond(engine, answerer, q, doc)) : { status: 200 };
    const { error, status } = outcome(r, asked);
    const { answer, note } = asked.value ?? {};
    const view = { question: q, doc, answer, note, error, ...shelf(answerer.store) };
    return sendHtml(reply, renderAskPage(view), status);
  });

  server.get("/quote", async (request, reply) => {
    const store = engine.answerer().store;
    const r = await orError(() => parseQuery(quoteQuery, request.query));
    const { q = "", doc, page = 1 } = r.value ?? {};
    const found = q
      ? await orError(() => findQuotes(store, q, { doc, maxHits: PAGE_MAX_HITS }))
      : { status: 200 };
    const hits = found.value;
    const { error, status } = outcome(r, found);
    const view = {
      phrase: q,
      doc,
      page,
      hits,
      capped: hits?.length === PAGE_MAX_HITS,
      error,
      ...shelf(store),
    };
    return sendHtml(reply, renderQuotePage(view), status);
  });

  server.get("/brief", async (request, reply) => {
    const store = engine.answerer().store;
    const r = await orError(() => parseQuery(briefQuery, request.query));
    const { q = "", doc, words } = r.value ?? {};
    const made = q ? await orError(() => brief(store, q, { doc, maxWords: words })) : { status: 200 };
    const list = q ? undefined : outline(store, { doc: undefined });
    const { error, status } = outcome(r, made);
    const view = { topic: q, doc, briefing: made.value, outline: list, error, ...shelf(store) };
    return sendHtml(reply, renderBriefPage(view), status);
  });

  server.get("/outline", async (request, reply) => {
    const { doc, line } = parseQuery(outlineQuery, request.query);
    return sendHtml(reply, renderOutlinePage(outline(engine.answerer().store, { doc, line })));
  });

  server.get("/read", async (request, reply) => {
    const { doc, start, end } = parseQuery(readQuery, request.query);
    const store = engine.answerer().store;
    const highlight = start !== undefined && end !== undefined ? { start, end } : undefined;
    return sendHtml(reply, renderReaderPage({ store, doc, highlight, titles: titlesOf(store) }));
  });
}
