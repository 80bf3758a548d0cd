/**
 * The JSON API: the same objects the CLI's `--json` prints, from the same engine functions, serialised the
 * same way (`JSON.stringify`), so `/api/ask` is byte-identical to `ask --json` for the same index.
 */
import type { FastifyInstance, FastifyReply } from "fastify";
import { brief } from "../../briefing/brief.js";
import { outline } from "../../briefing/outline.js";
import { findQuotes } from "../../wording/find-quotes.js";
import { aboutIndex, type Engine } from "../shared/report-view.js";
import { askQuery, briefQuery, emptyQuery, outlineQuery, parseQuery, quoteQuery } from "./params.js";

export function sendJson(reply: FastifyReply, json: string): FastifyReply {
  return reply.type("application/json; charset=utf-8").send(json);
}

export function registerApiRoutes(server: FastifyInstance, engine: Engine): void {
  server.get("/api/ask", async (request, reply) => {
    const { q, doc } = parseQuery(askQuery, request.query);
    const { answer } = await engine.answerer().ask(q, { doc });
    return sendJson(reply, JSON.stringify(answer));
  });

  server.get("/api/quote", async (request, reply) => {
    const { q, doc, max } = parseQuery(quoteQuery, request.query);
    const hits = findQuotes(engine.answerer().store, q, { doc, maxHits: max });
    return sendJson(reply, JSON.stringify({ phrase: q, hits }));
  });

  server.get("/api/brief", async (request, reply) => {
    const { q, doc, words } = parseQuery(briefQuery, request.query);
    return sendJson(reply, JSON.stringify(brief(engine.answerer().store, q, { doc, maxWords: words })));
  });

  server.get("/api/outline", async (request, reply) => {
    const { doc, line } = parseQuery(outlineQuery, request.query);
    return sendJson(reply, JSON.stringify(outline(engine.answerer().store, { doc, line })));
  });

  server.get("/api/documents", async (request, reply) => {
    parseQuery(emptyQuery, request.query);
    return sendJson(reply, JSON.stringify(aboutIndex(engine.answerer().store)));
  });
}
