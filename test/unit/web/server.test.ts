// The web server through fastify's inject (no socket): the JSON API against the engine functions the CLI
// uses, errors, safety headers, limits, the token, and escaping of a hostile document and question.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { brief } from "../../../src/briefing/brief.js";
import { outline } from "../../../src/briefing/outline.js";
import { aboutIndex } from "../../../src/frontends/shared/report-view.js";
import { createWebServer, CONTENT_SECURITY_POLICY } from "../../../src/frontends/web/server.js";
import { findQuotes } from "../../../src/wording/find-quotes.js";
import { verdictOf } from "../../../src/frontends/web/confidence-words.js";
import { escapeHtml } from "../../../src/frontends/web/html.js";
import { answererFor } from "../../../src/app.js";
import { createFakeEmbedder } from "../../fixtures/fake-embedder.js";
import { fakeStore } from "../../fixtures/fake-store.js";
import { HOSTILE_DOC, webFixture, type WebFixture } from "./web-fixture.js";

let f: WebFixture;
beforeAll(async () => {
  f = await webFixture();
});
afterAll(() => f?.cleanup());

const server = (options: Partial<Parameters<typeof createWebServer>[0]> = {}) =>
  createWebServer({ engine: f.engine, rateLimit: { count: 1000, windowMs: 60_000 }, ...options });
const q = (s: string) => encodeURIComponent(s);
// Answered over this test index (the report and the hostile document) by the engine as it stands.
const QUESTION = "What is planned for rural revitalization?";
const ABOUT_IT = "we will focus on building beautiful villages";

describe("JSON API", () => {
  it("/api/ask returns byte for byte what ask --json prints for the same index", async () => {
    const res = await server().inject({ url: `/api/ask?q=${q(QUESTION)}` });
    expect(res.statusCode).toBe(200);
    expect(res.headers["content-type"]).toBe("application/json; charset=utf-8");
    const { answer } = await f.engine.answerer().ask(QUESTION);
    expect(res.body).toBe(JSON.stringify(answer));
    expect(answer.answered).toBe(true);
    expect(answer.quotes.some((x) => x.text.includes(ABOUT_IT))).toBe(true);
  });

  it("/api/ask narrows to one document with doc=", async () => {
    const res = await server().inject({
      url: `/api/ask?q=${q("What must stay as written?")}&doc=${HOSTILE_DOC}`,
    });
    const body = res.json<{ passages: { doc: string }[] }>();
    expect(body.passages.length).toBeGreaterThan(0);
    expect(body.passages.every((p) => p.doc === HOSTILE_DOC)).toBe(true);
  });

  it("/api/quote, /api/brief, /api/outline and /api/documents give the CLI's --json objects", async () => {
    const s = server();
    const store = f.store;
    const quote = await s.inject({ url: `/api/quote?q=${q("650 mu of forrest")}&max=5` });
    expect(quote.body).toBe(
      JSON.stringify({
        phrase: "650 mu of forrest",
        hits: findQuotes(store, "650 mu of forrest", { maxHits: 5 }),
      }),
    );
    expect(quote.json<{ hits: unknown[] }>().hits.length).toBeGreaterThan(0);
    const b = await s.inject({ url: `/api/brief?q=${q("rural revitalization")}` });
    expect(b.body).toBe(JSON.stringify(brief(store, "rural revitalization")));
    const o = await s.inject({ url: "/api/outline" });
    expect(o.body).toBe(JSON.stringify(outline(store)));
    const d = await s.inject({ url: "/api/documents" });
    expect(d.body).toBe(JSON.stringify(aboutIndex(store)));
  });

  it("takes the index current at each request, so a refreshed index is used from the next one on", async () => {
    const other = await fakeStore(384);
    try {
      let current = f.engine.answerer();
      const s = server({ engine: { answerer: () => current } });
      const docs = async () =>
        (await s.inject({ url: "/api/documents" })).json<{ documents: { path: string }[] }>().documents;
      expect((await docs()).map((d) => d.path)).toContain(HOSTILE_DOC);
      current = answererFor(other.store, createFakeEmbedder(384), f.parts);
      expect((await docs()).map((d) => d.path)).not.toContain(HOSTILE_DOC);
      const res = await s.inject({ url: `/api/ask?q=${q(QUESTION)}` });
      expect(res.json<{ index: { version: string } }>().index.version).toBe(
        other.store.manifest.indexVersion,
      );
    } finally {
      other.cleanup();
    }
  });

  it("answers bad input with a 4xx and {error:{code,message,hint}} from the catalogue, never a stack", async () => {
    const s = server();
    const cases: [string, number, string][] = [
      ["/api/ask?q=", 400, "QUESTION_INVALID"],
      [`/api/ask?q=${"why ".repeat(140)}`, 400, "QUESTION_INVALID"],
      [`/api/ask?q=${"x".repeat(1200)}`, 400, "WEB_PARAM_INVALID"],
      ["/api/ask?q=a&q=b", 400, "WEB_PARAM_INVALID"],
      [`/api/ask?q=${q(QUESTION)}&doc=nope.txt`, 400, "DOC_UNKNOWN"],
      ["/api/quote?q=%20", 400, "PHRASE_INVALID"],
      ["/api/quote?q=forest&max=0", 400, "WEB_PARAM_INVALID"],
      ["/api/brief?q=", 400, "TOPIC_INVALID"],
      ["/api/outline?line=middle", 400, "WEB_PARAM_INVALID"],
      ["/api/nothing-here", 404, "WEB_NOT_FOUND"],
      [`/api/ask?q=${"a".repeat(5000)}`, 413, "WEB_TOO_LARGE"],
    ];
    for (const [url, status, code] of cases) {
      const res = await s.inject({ url });
      expect(res.statusCode, url.slice(0, 80)).toBe(status);
      const body = res.json<{ error: { code: string; message: string; hint: string } }>();
      expect(Object.keys(body)).toEqual(["error"]);
      expect(Object.keys(body.error)).toEqual(["code", "message", "hint"]);
      expect(body.error.code, url.slice(0, 80)).toBe(code);
      expect(res.body).not.toMatch(/\bat .*\.(ts|js):\d+/);
    }
  });

  it("turns an unexpected failure into a 500 with a generic message, logging the detail on the server", async () => {
    const logged: string[] = [];
    const broken = {
      answerer: () => ({
        ...f.engine.answerer(),
        ask: () => Promise.reject(new Error("secret path /srv/x")),
      }),
    };
    const res = await server({ engine: broken, log: (l) => logged.push(l) }).inject({
      url: "/api/ask?q=hello",
    });
    expect(res.statusCode).toBe(500);
    expect(res.json()).toEqual({
      error: {
        code: "WEB_INTERNAL",
        message: "Something went wrong on the server.",
        hint: expect.any(String),
      },
    });
    expect(res.body).not.toContain("secret");
    expect(logged.join("\n")).toContain("secret path /srv/x");
  });

  it("serves GET only, and refuses a request body beyond 16 KB before anything reads it", async () => {
    const s = server();
    const post = (payload: string) =>
      s.inject({ method: "POST", url: "/api/ask", payload, headers: { "content-type": "text/plain" } });
    const big = await post("x".repeat(100_000));
    expect(big.statusCode).toBe(413);
    expect(big.json<{ error: { code: string } }>().error.code).toBe("WEB_TOO_LARGE");
    const small = await post("q=parks");
    expect(small.statusCode).toBe(404);
    expect(small.json<{ error: { code: string } }>().error.code).toBe("WEB_NOT_FOUND");
  });
});

describe("safety", () => {
  it("sends a strict Content-Security-Policy and friends on every response", async () => {
    const s = server();
    for (const url of ["/", "/api/outline", "/static/app.js", "/nope"]) {
      const res = await s.inject({ url });
      expect(res.headers["content-security-policy"]).toBe(CONTENT_SECURITY_POLICY);
      expect(res.headers["x-content-type-options"]).toBe("nosniff");
      expect(res.headers["x-frame-options"]).toBe("DENY");
    }
    expect(CONTENT_SECURITY_POLICY).toContain("script-src 'self'");
    expect(CONTENT_SECURITY_POLICY).not.toContain("unsafe");
  });

  it("limits each client address, with Retry-After, and lets it in again after the window", async () => {
    let now = 1_000_000;
    const s = server({ rateLimit: { count: 3, windowMs: 10_000 }, now: () => now });
    for (let i = 0; i < 3; i++) expect((await s.inject({ url: "/api/documents" })).statusCode).toBe(200);
    const refused = await s.inject({ url: "/api/documents" });
    expect(refused.statusCode).toBe(429);
    expect(refused.json<{ error: { code: string } }>().error.code).toBe("WEB_RATE_LIMITED");
    expect(Number(refused.headers["retry-after"])).toBeGreaterThan(0);
    // Another address is not held back, and static files do not count.
    expect((await s.inject({ url: "/api/documents", remoteAddress: "10.0.0.9" })).statusCode).toBe(200);
    expect((await s.inject({ url: "/static/style.css" })).statusCode).toBe(200);
    now += 10_001;
    expect((await s.inject({ url: "/api/documents" })).statusCode).toBe(200);
  });

  it("with a token, refuses requests without it and accepts the header, the ?token= link and its cookie", async () => {
    const token = "a-long-enough-test-token-0123";
    const s = server({ token });
    const denied = await s.inject({ url: "/api/documents" });
    expect(denied.statusCode).toBe(401);
    expect(denied.json<{ error: { code: string } }>().error.code).toBe("WEB_UNAUTHORIZED");
    expect((await s.inject({ url: "/", headers: { authorization: "Bearer wrong" } })).statusCode).toBe(401);
    expect(
      (await s.inject({ url: "/api/documents", headers: { authorization: `Bearer ${token}` } })).statusCode,
    ).toBe(200);
    const link = await s.inject({ url: `/?q=parks&token=${token}` });
    expect(link.statusCode).toBe(303);
    expect(link.headers.location).toBe("/?q=parks");
    const cookie = String(link.headers["set-cookie"]);
    expect(cookie).toContain("HttpOnly");
    const page = await s.inject({ url: "/?q=parks", headers: { cookie: cookie.split(";")[0]! } });
    expect(page.statusCode).toBe(200);
    const odd = await s.inject({ url: `/.//evil.example/?token=${token}` });
    expect(odd.headers.location).toMatch(/^\/(?!\/)/); // never "//host": another site
  });

  it("renders a hostile document as text: no tag, attribute or entity of it becomes markup", async () => {
    const s = server();
    const pages = [
      `/read?doc=${HOSTILE_DOC}`,
      `/read?doc=${HOSTILE_DOC}&start=60&end=120`,
      `/quote?q=${q('<script>alert("pwned")</script>')}`,
      `/?q=${q("What must stay as written?")}&doc=${HOSTILE_DOC}`,
      `/brief?q=${q("hostile heading")}`,
      "/outline",
    ];
    for (const url of pages) {
      const res = await s.inject({ url });
      expect(res.statusCode, url).toBe(200);
      const body = res.body;
      // The page's own script tag is the only one.
      expect(body.match(/<script\b/g), url).toHaveLength(1);
      expect(body).not.toMatch(/<img|<b>|onerror="|<!--|<\/textarea>/);
    }
    const reader = (await s.inject({ url: `/read?doc=${HOSTILE_DOC}` })).body;
    expect(reader).toContain("&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;");
    expect(reader).toContain("&lt;img src=x onerror=&quot;alert(&#39;x&#39;)&quot;&gt;");
    // An entity in the document is shown as written, so its & is escaped once more.
    expect(reader).toContain("entities &amp;amp; &amp;lt;tag&amp;gt; &amp;#x27;");
  });

  it("escapes a hostile question on the ask page and in the form", async () => {
    const question = `"><script>alert(1)</script><img src=x onerror=alert(2)> &amp; parks?`;
    const res = await server().inject({ url: `/?q=${q(question)}` });
    expect(res.statusCode).toBe(200);
    expect(res.body.match(/<script\b/g)).toHaveLength(1);
    expect(res.body).not.toContain("<img");
    expect(res.body).toContain('value="&quot;&gt;&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(res.body).toContain("&amp;amp; parks?");
  });
});

describe("pages", () => {
  it("the ask page quotes the answer with its citation, confidence in words, and a link into the reader", async () => {
    const res = await server().inject({ url: `/?q=${q(QUESTION)}` });
    const { answer } = await f.engine.answerer().ask(QUESTION);
    const first = answer.quotes[0]!;
    expect(answer.answered).toBe(true);
    expect(res.body).toContain(escapeHtml(verdictOf(answer).lead));
    expect(res.body).toContain(`Confidence ${answer.confidence.toFixed(2)}`);
    expect(res.body).toContain(`/read?doc=${first.doc}&amp;start=${first.start}&amp;end=${first.end}#hl`);
    expect(res.body).toContain(`¶${first.paragraph} (chars ${first.start}–${first.end})`);
  });

  it("says plainly when the report may not answer, with the nearest passages", async () => {
    const res = await server().inject({ url: `/?q=${q("Who won the football match last night?")}` });
    expect(res.body).toContain("The report may not answer this. Nearest passages:");
    expect(res.body).toContain('data-answered="false"');
    expect(res.body.match(/<blockquote>/g)?.length).toBeGreaterThan(0);
  });

  it("reads what is typed as every front end does: a greeting, help or a request to write gets a note", async () => {
    for (const [typed, words] of [
      ["hello", "Hello! Ask me a question about the report"],
      ["help", "I answer questions about the report in its own words"],
      ["Can you write me a business plan for a tea shop?", "I cannot write, translate or make up text"],
      ["tell me more", "There is no earlier answer here"],
    ] as const) {
      const res = await server().inject({ url: `/?q=${q(typed)}` });
      expect(res.statusCode, typed).toBe(200);
      expect(res.body, typed).toContain(words);
      expect(res.body, typed).not.toContain("<blockquote>");
    }
  });

  it("shows an input error on the page itself, with a 4xx status", async () => {
    const res = await server().inject({ url: `/?q=${"why ".repeat(140)}` });
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('role="alert"');
    expect(res.body).toContain("Expected at most 500 characters");
  });

  it("the reader marks exactly the span asked for, as #hl, and keeps sentence offsets", async () => {
    const { answer } = await f.engine.answerer().ask(QUESTION);
    const qt = answer.quotes[0]!;
    const res = await server().inject({ url: `/read?doc=${qt.doc}&start=${qt.start}&end=${qt.end}` });
    expect(res.statusCode).toBe(200);
    const marked = [...res.body.matchAll(/<mark[^>]*>([^<]*)<\/mark>/g)].map((m) => m[1]).join("");
    expect(
      marked
        .replace(/&#39;/g, "'")
        .replace(/&quot;/g, '"')
        .replace(/&amp;/g, "&"),
    ).toBe(qt.text);
    expect(res.body).toContain('<mark id="hl" tabindex="-1">');
    expect(res.body).toMatch(new RegExp(`data-start="${qt.start}"`));
    expect(res.body).toContain('<nav class="toc" aria-label="Sections">');
  });

  it("the reader refuses a span beyond the document and an unknown document", async () => {
    const s = server();
    expect((await s.inject({ url: `/read?doc=${HOSTILE_DOC}&start=5&end=999999` })).statusCode).toBe(400);
    expect((await s.inject({ url: `/read?doc=${HOSTILE_DOC}&start=9&end=5` })).statusCode).toBe(400);
    expect((await s.inject({ url: "/read?doc=nope.txt" })).statusCode).toBe(400);
  });

  it("the wording page counts and pages the hits, exact ones first, the phrase marked", async () => {
    const s = server();
    const res = await s.inject({ url: `/quote?q=${q("the")}` });
    expect(res.body).toMatch(/at least 500 occurrences|\d+ occurrences: \d+ exact, \d+ near\./);
    expect(res.body).toContain('rel="next"');
    const page2 = await s.inject({ url: `/quote?q=${q("the")}&page=2` });
    expect(page2.body).toContain("Page 2 of");
    expect(page2.body).toContain('<ol class="hits" start="11">');
    const typo = await s.inject({ url: `/quote?q=${q("650 mu of forrest")}` });
    expect(typo.body).toContain("<mark>650 mu of forest</mark>");
  });

  it("the briefing page and the outline list sections with links", async () => {
    const s = server();
    const b = await s.inject({ url: `/brief?q=${q("rural revitalization")}` });
    expect(b.body).toContain("The third is rural revitalization.");
    const empty = await s.inject({ url: "/brief" });
    expect(empty.body).toMatch(/href="\/brief\?q=1&amp;doc=/);
    const o = await s.inject({ url: "/outline" });
    expect(o.body).toContain("/read?doc=minhang-mayor-report.txt#s1");
  });
});
