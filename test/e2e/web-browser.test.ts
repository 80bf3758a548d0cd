// The web page in a real browser (Debian's chromium through playwright-core) against the server over the
// fake-embedder index of the real report plus a hostile document. Screenshots of each page are taken
// (into docs/screenshots/ with UPDATE_SCREENSHOTS=1). Skipped, saying so, where chromium is not installed (`.ci/run` installs it).
import { mkdirSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { fileURLToPath } from "node:url";
import type { FastifyInstance } from "fastify";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { citation } from "../../src/answer/citation.js";
import { titlesOf } from "../../src/frontends/shared/report-view.js";
import { verdictOf } from "../../src/frontends/web/confidence-words.js";
import { createWebServer } from "../../src/frontends/web/server.js";
import { HOSTILE_DOC, webFixture, type WebFixture } from "../unit/web/web-fixture.js";
import { CHROMIUM, hasChromium, launchBrowser, type Browser } from "./web/browser.js";

// `npm run screenshots` refreshes the ones in docs/; a plain test run keeps its own out of the work tree.
const SHOTS = process.env.UPDATE_SCREENSHOTS
  ? fileURLToPath(new URL("../../docs/screenshots/", import.meta.url))
  : path.join(tmpdir(), "web-e2e-screenshots");
// Answered over this test index (the report and the hostile document) by the engine as it stands.
const QUESTION = "What is planned for rural revitalization?";
/** The engine's own first quote for QUESTION: the page must show what the engine answered, verbatim. */
const firstQuote = async (f: WebFixture) => (await f.engine.answerer().ask(QUESTION)).answer.quotes[0]!.text;

if (!hasChromium) {
  console.warn(
    `web browser tests skipped: no chromium at ${CHROMIUM} (apt-get install -y chromium, or set CHROMIUM_PATH)`,
  );
}

describe.skipIf(!hasChromium)("web page in headless Chromium", () => {
  let f: WebFixture;
  let server: FastifyInstance;
  let base: string;
  let browser: Browser;
  let page: Page;
  const dialogs: string[] = [];

  beforeAll(async () => {
    f = await webFixture();
    server = createWebServer({ engine: f.engine });
    await server.listen({ host: "127.0.0.1", port: 0 });
    const address = server.server.address();
    base = `http://127.0.0.1:${typeof address === "object" && address ? address.port : 0}`;
    browser = await launchBrowser();
    page = await browser.context.newPage();
    page.on("dialog", (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    mkdirSync(SHOTS, { recursive: true });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.close();
    f?.cleanup();
  });

  const shot = (name: string, fullPage = false) =>
    page.screenshot({ path: path.join(SHOTS, `${name}.png`), fullPage });

  it("asks a question through the form and shows the quote with its citation and confidence in words", async () => {
    await page.goto(`${base}/`);
    await page.getByLabel("Your question").fill(QUESTION);
    await page.keyboard.press("Enter");
    await page.waitForURL(/\?q=/);
    expect(new URL(page.url()).searchParams.get("q")).toBe(QUESTION);
    const { answer } = await f.engine.answerer().ask(QUESTION);
    expect(answer.answered).toBe(true);
    await expect.poll(() => page.locator("h2.verdict").textContent()).toBe(verdictOf(answer).lead);
    const first = page.locator("ol.quotes > li").first();
    expect(await first.locator("blockquote").textContent()).toContain(await firstQuote(f));
    expect(await first.locator("cite").textContent()).toMatch(/› ¶\d+ \(chars \d+–\d+\)$/);
    expect(await page.locator(".confidence").textContent()).toMatch(
      /^Confidence \d\.\d\d \((high|medium|low)\)\.$/,
    );
    await shot("ask");
  });

  it("copies a quote with its citation as plain text", async () => {
    const { answer } = await f.engine.answerer().ask(QUESTION);
    const quote = answer.quotes[0]!;
    await page.locator("ol.quotes > li").first().getByRole("button", { name: "Copy citation" }).click();
    await expect.poll(() => page.locator("#copy-status").textContent()).toBe("Citation copied.");
    const copied = await page.evaluate<string>("navigator.clipboard.readText()");
    expect(copied).toBe(`"${quote.text}"\n— ${citation(quote, titlesOf(f.store))}`);
  });

  it("follows a quote to the reader, where the span is highlighted and scrolled into view", async () => {
    const quoteText = await page.locator("ol.quotes > li blockquote").first().textContent();
    await page.locator("ol.quotes > li").first().getByRole("link", { name: "Read in context" }).click();
    await page.waitForURL(/\/read\?/);
    const mark = page.locator("mark#hl");
    await mark.waitFor();
    const marked = (await page.locator("article mark").allTextContents()).join("");
    expect(marked).toBe(quoteText);
    const box = await mark.boundingBox();
    const height = page.viewportSize()?.height ?? 0;
    const inView = box !== null && box.y >= -1 && box.y + box.height <= height + 1;
    expect(inView).toBe(true);
    expect(await page.evaluate<number>("window.scrollY")).toBeGreaterThan(0);
    expect(await page.evaluate<string | undefined>("document.activeElement?.id")).toBe("hl");
    await shot("reader");
  });

  it("highlights any sentence of the reader on a click, ready to cite", async () => {
    const sentence = page.locator("article span.s").nth(3);
    const [start, end, text] = [
      await sentence.getAttribute("data-start"),
      await sentence.getAttribute("data-end"),
      await sentence.textContent(),
    ];
    await sentence.click();
    await page.waitForURL(new RegExp(`start=${start}&end=${end}#hl$`));
    expect((await page.locator("article mark").allTextContents()).join("")).toBe(text);
    expect(await page.locator(".highlight-note cite").textContent()).toContain(`(chars ${start}–${end})`);
  });

  it("looks up a phrase with a typo and finds the near match, marked", async () => {
    await page.goto(`${base}/quote`);
    await page.getByLabel("Phrase").fill("650 mu of forrest");
    await page.getByRole("button", { name: "Look up" }).click();
    await page.waitForURL(/\/quote\?q=/);
    expect(await page.locator("#count").textContent()).toMatch(/occurrence/);
    const hit = page.locator("ol.hits > li").first();
    expect(await hit.locator(".tag").textContent()).toBe("near");
    expect(await hit.locator("mark").textContent()).toBe("650 mu of forest");
    await shot("quote");
  });

  it("renders a hostile document as text: no script runs, tags show as written", async () => {
    await page.goto(`${base}/read?doc=${HOSTILE_DOC}`);
    const text = await page.locator("article").innerText();
    expect(text).toContain(`<script>alert("pwned")</script>`);
    expect(text).toContain(`<img src=x onerror="alert('x')">`);
    expect(text).toContain("entities &amp; &lt;tag&gt; &#x27; must stay as written.");
    expect(await page.locator("article img, article b, article script").count()).toBe(0);
    expect(await page.title()).not.toBe("owned");
    await page.goto(`${base}/?q=${encodeURIComponent('<script>alert("q")</script> stay as written')}`);
    expect(await page.getByLabel("Your question").inputValue()).toBe(
      '<script>alert("q")</script> stay as written',
    );
    expect(dialogs).toEqual([]);
    await shot("hostile");
  });

  it("shows a briefing and the outline, which link into the reader", async () => {
    await page.goto(`${base}/brief?q=${encodeURIComponent("rural revitalization")}`);
    expect(await page.locator("ul.briefing").innerText()).toContain("The third is rural revitalization.");
    await shot("brief");
    await page.goto(`${base}/outline`);
    await page.getByRole("link", { name: "Briefing" }).first().waitFor();
    await shot("outline");
    const section = page.locator("ul.sections a[href*='/read?doc=minhang']").first();
    await section.click();
    await page.waitForURL(/\/read\?doc=minhang-mayor-report\.txt#s\d+$/);
  });

  it("is usable with the keyboard: skip link, then the question box, then ask", async () => {
    await page.goto(`${base}/`);
    await page.keyboard.press("Tab");
    expect(await page.evaluate<string | undefined>("document.activeElement?.textContent")).toBe(
      "Skip to content",
    );
    await page.keyboard.press("Enter");
    for (
      let i = 0;
      i < 5 && (await page.evaluate<string | undefined>("document.activeElement?.id")) !== "q";
      i++
    ) {
      await page.keyboard.press("Tab");
    }
    expect(await page.evaluate<string | undefined>("document.activeElement?.id")).toBe("q");
    await page.keyboard.type("What is planned for rural revitalization?");
    await page.keyboard.press("Enter");
    await page.locator("ol.quotes > li").first().waitFor();
  });

  it("asks and looks up with scripts disabled, and fits a phone's width", async () => {
    const phone = await launchBrowser({ javaScriptEnabled: false, viewport: { width: 390, height: 844 } });
    try {
      const p = await phone.context.newPage();
      await p.goto(`${base}/`);
      await p.getByLabel("Your question").fill(QUESTION);
      await p.getByRole("button", { name: "Ask" }).click();
      await p.waitForURL(/\?q=/);
      expect(await p.locator("ol.quotes blockquote").first().textContent()).toContain(await firstQuote(f));
      // Without script the copy buttons, which need it, are not shown.
      expect(await p.getByRole("button", { name: "Copy citation" }).count()).toBe(0);
      expect(await p.evaluate<number>("document.documentElement.scrollWidth")).toBeLessThanOrEqual(390);
      await p.screenshot({ path: path.join(SHOTS, "ask-phone.png") });
      await p.goto(`${base}/quote?q=${encodeURIComponent("pocket parks")}`);
      expect(await p.locator("ol.hits mark").first().textContent()).toMatch(/pocket parks/i);
    } finally {
      await phone.close();
    }
  });
});
