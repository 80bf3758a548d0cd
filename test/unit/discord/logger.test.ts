import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { createLogger, scrubSecrets } from "../../../src/frontends/discord/logger.js";

const TOKEN = "MTAwMDAwMDAwMDAwMDAwMDAw.GhIjKl.abcdefghijklmnopqrstuvwxyz0123456789";

describe("logger", () => {
  it("never writes the token, wherever it appears", () => {
    const lines: string[] = [];
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString());
        done();
      },
    });
    const log = createLogger({ level: "debug", secrets: [TOKEN], destination });
    log.info({ token: TOKEN, nested: { token: TOKEN } }, "token field");
    log.error({ err: new Error(`login failed with ${TOKEN}`) }, `message ${TOKEN}`);
    log.debug({ headers: { authorization: `Bot ${TOKEN}` } }, "request");
    expect(lines).toHaveLength(3);
    for (const line of lines) {
      expect(line).not.toContain(TOKEN);
      expect(line).not.toContain("abcdefghijklmnopqrstuvwxyz0123456789");
    }
    expect(lines.join("")).toContain("[redacted]");
  });

  it("hides interaction tokens in webhook and callback URLs", () => {
    const url =
      "https://discord.com/api/v10/webhooks/123/aW50ZXJhY3Rpb246abcdefghijklmnop/messages/@original";
    expect(scrubSecrets(url, [])).toBe(
      "https://discord.com/api/v10/webhooks/123/[redacted]/messages/@original",
    );
    expect(scrubSecrets("/interactions/99/aW50ZXJhY3Rpb246abcdefghijklmnop/callback", [])).toBe(
      "/interactions/99/[redacted]/callback",
    );
  });
});
