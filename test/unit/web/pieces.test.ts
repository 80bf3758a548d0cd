import { describe, expect, it } from "vitest";
import { loadSettings } from "../../../src/config/settings.js";
import { verdictOf } from "../../../src/frontends/web/confidence-words.js";
import { escapeHtml, href, markup, SafeHtml } from "../../../src/frontends/web/html.js";
import { createServer, type AddressInfo } from "node:net";
import { checkWebSettings, isLoopback, startWeb, startWebBeside } from "../../../src/frontends/web/listen.js";

describe("markup", () => {
  it("escapes every interpolated value, in content and attributes, but not markup made by itself", () => {
    const evil = `<a href="x" onclick='y'>&amp;</a>`;
    expect(escapeHtml(evil)).toBe("&lt;a href=&quot;x&quot; onclick=&#39;y&#39;&gt;&amp;amp;&lt;/a&gt;");
    const out = markup`<p title="${evil}">${evil}${markup`<b>${"<i>"}</b>`}${[evil, 1]}${undefined}${false}</p>`;
    expect(out).toBeInstanceOf(SafeHtml);
    expect(out.value).not.toContain("<a");
    expect(out.value).toContain("<b>&lt;i&gt;</b>");
    expect(out.value).toContain("&amp;amp;&lt;/a&gt;1</p>");
  });

  it("builds links with each value encoded", () => {
    expect(href("/read", { doc: "a b&c.txt", start: 3, end: undefined })).toBe(
      "/read?doc=a+b%26c.txt&start=3",
    );
    expect(href("/outline")).toBe("/outline");
  });
});

describe("confidence in words", () => {
  it("grades what the engine answered and says plainly when it did not", () => {
    expect(verdictOf({ answered: true, confidence: 0.93 }).lead).toBe("The report says:");
    expect(verdictOf({ answered: true, confidence: 0.6 }).lead).toBe("Probably:");
    expect(verdictOf({ answered: true, confidence: 0.35 }).level).toBe("low");
    expect(verdictOf({ answered: false, confidence: 0.9 }).lead).toBe(
      "The report may not answer this. Nearest passages:",
    );
  });
});

describe("web settings", () => {
  it("default to loopback port 8787 and validate the port", () => {
    const s = loadSettings({}, "/tmp");
    expect([s.WEB_HOST, s.WEB_PORT, s.WEB_TOKEN]).toEqual(["127.0.0.1", 8787, undefined]);
    expect(() => loadSettings({ WEB_PORT: "70000" }, "/tmp")).toThrow(/WEB_PORT/);
    expect(() => loadSettings({ WEB_HOST: "bad host;" }, "/tmp")).toThrow(/WEB_HOST/);
    expect(() => loadSettings({ WEB_TOKEN: "short" }, "/tmp")).toThrow(/WEB_TOKEN/);
  });

  it("require a token for any address but loopback", () => {
    expect(isLoopback("127.0.0.1")).toBe(true);
    expect(isLoopback("::1")).toBe(true);
    expect(isLoopback("localhost")).toBe(true);
    expect(isLoopback("0.0.0.0")).toBe(false);
    expect(() => checkWebSettings({ WEB_HOST: "0.0.0.0", WEB_PORT: 8787, WEB_TOKEN: undefined })).toThrow(
      /WEB_TOKEN/,
    );
    expect(() =>
      checkWebSettings({ WEB_HOST: "0.0.0.0", WEB_PORT: 8787, WEB_TOKEN: "0123456789abcdef" }),
    ).not.toThrow();
  });
});

describe("starting the web server", () => {
  const engine = {
    answerer: () => {
      throw new Error("not asked in this test");
    },
  };

  it("listens on a free port with WEB_PORT=0 and prints its loopback URL", async () => {
    const web = await startWeb(
      engine,
      { WEB_HOST: "127.0.0.1", WEB_PORT: 0, WEB_TOKEN: undefined },
      () => {},
    );
    try {
      expect(web.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
      const res = await fetch(`${web.url}static/app.js`);
      expect(res.status).toBe(200);
    } finally {
      await web.close();
    }
  });

  it("on a taken port: npm run web fails with a hint, npm start goes on without the page and says so", async () => {
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, "127.0.0.1", resolve));
    const port = (taken.address() as AddressInfo).port;
    const settings = { WEB_HOST: "127.0.0.1", WEB_PORT: port, WEB_TOKEN: undefined };
    try {
      await expect(startWeb(engine, settings, () => {})).rejects.toThrow(
        /could not listen on 127\.0\.0\.1:\d+ \(EADDRINUSE\)/,
      );
      const lines: string[] = [];
      expect(await startWebBeside(engine, settings, (l) => lines.push(l))).toBeUndefined();
      expect(lines.join("\n")).toMatch(/^Web page not started: CONFIG_INVALID: .*WEB_PORT/);
    } finally {
      taken.close();
    }
  });
});
