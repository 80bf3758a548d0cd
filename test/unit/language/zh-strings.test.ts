import { describe, expect, it } from "vitest";
import { COMMAND } from "../../../src/frontends/discord/commands.js";
import { ZH_CN_COMMAND_DESCRIPTIONS, ZH_CN_HELP } from "../../../src/language/zh-strings.js";

describe("zh-CN strings", () => {
  it("describe every slash command within Discord's 100 characters", () => {
    expect(Object.keys(ZH_CN_COMMAND_DESCRIPTIONS).sort()).toEqual(Object.values(COMMAND).sort());
    for (const { description, options } of Object.values(ZH_CN_COMMAND_DESCRIPTIONS)) {
      for (const text of [description, ...Object.values(options)]) {
        expect(text.length).toBeGreaterThan(0);
        expect(text.length).toBeLessThanOrEqual(100);
      }
    }
    expect(ZH_CN_HELP).toMatch(/\p{Script=Han}/u);
  });
});
