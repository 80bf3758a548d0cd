import { describe, expect, it } from "vitest";
import { dictionaryFrom } from "../../../src/language/cedict.js";
import { createChineseTranslator } from "../../../src/language/chinese-translator.js";
import { isChinese } from "../../../src/language/detect.js";
import { knownName, spellings } from "../../../src/language/names.js";
import { segmentChinese, splitUnknown } from "../../../src/language/segment.js";
import { alternativeGloss, chooseGloss, cleanGloss, glossesOf } from "../../../src/language/senses.js";
import {
  coveredShare,
  statesCount,
  statesTime,
  translatedConfidence,
  UNCOUNTED_CONFIDENCE,
  understoodShare,
} from "../../../src/language/translation-quality.js";
import { chineseToEnglish, translateChinese } from "../../../src/language/zh-query.js";
import type { TextAnalyser } from "../../../src/answer/text-analyser.js";
import { createWinkAnalyser } from "../../../src/nlp/wink-analyser.js";

// The language tool the app gives the answerer: the count and time checks read quotes with it.
const analyser = createWinkAnalyser();

// A small dictionary in CC-CEDICT's shape, with the sense ambiguities the translator must resolve.
const dictionary = dictionaryFrom([
  ["學校", "学校", "xue2 xiao4", ["school", "CL:所[suo3]"]],
  ["圖書館", "图书馆", "tu2 shu1 guan3", "library (CL:家[jia1],個|个[ge4])"],
  ["開放", "开放", "kai1 fang4", ["to lift a ban or restriction", "to open to the outside world", "open"]],
  ["時間", "时间", "shi2 jian1", ["time", "period"]],
  ["鎮", "镇", "zhen4", ["to press down", "to calm", "small town"]],
  ["區", "区", "Ou1", "surname Ou"],
  ["區", "区", "qu1", ["area", "region", "district"]],
  ["新建", "新建", "xin1 jian4", ["to build new", "newly built"]],
  ["公園", "公园", "gong1 yuan2", "park (for public recreation)"],
  ["醫院", "医院", "yi1 yuan4", "hospital"],
  ["什麼", "什么", "shen2 me5", ["what?", "something; anything"]],
  ["多少", "多少", "duo1 shao3", ["number; amount", "somewhat"]],
  ["今年", "今年", "jin1 nian2", "this year"],
  ["建成", "建成", "jian4 cheng2", ["to establish", "to build"]],
  ["路", "路", "lu4", ["road (CL:條|条[tiao2])", "journey"]],
  ["張", "张", "Zhang1", "surname Zhang"],
  ["服務", "服务", "fu2 wu4", ["to serve", "service"]],
  ["提供", "提供", "ti2 gong1", ["to offer", "to supply"]],
  ["安排", "安排", "an1 pai2", ["to arrange", "arrangements", "plans"]],
  ["明天", "明天", "ming2 tian1", "tomorrow"],
  ["下雨", "下雨", "xia4 yu3", "to rain"],
  ["一", "一", "yi1", ["one", "a (article)", "entire"]],
  ["畝", "亩", "mu3", "unit of area equal to one fifteenth of a hectare"],
  ["公里", "公里", "gong1 li3", "kilometer"],
  ["綠地", "绿地", "lu:4 di4", "green area (e.g. urban park or garden)"],
  ["行動", "行动", "xing2 dong4", ["operation", "action", "to move about"]],
  ["重點", "重点", "zhong4 dian3", ["important point; main point; focus", "key (project etc)"]],
  ["陳", "陈", "Chen2", "surname Chen"],
  ["陳", "陈", "chen2", ["(bound form) to lay out", "to exhibit"]],
  ["零", "零", "ling2", ["zero", "nought"]],
  ["號", "号", "hao4", ["ordinal number", "day of a month"]],
  ["零號", "零号", "ling2 hao4", "(slang) bottom (in a homosexual relationship)"],
  ["消費", "消费", "xiao1 fei4", "to consume (goods and services, resources etc)"],
  ["振興", "振兴", "zhen4 xing1", ["to revive", "to revitalize"]],
  ["門票", "门票", "men2 piao4", "ticket"],
]);

// Readings of the characters of the examples (pinyin-pro gives these for the real translator).
const READINGS: Record<string, string[]> = {
  华: ["hua"],
  文: ["wen"],
  零: ["ling"],
  湾: ["wan"],
  东: ["dong"],
  湖: ["hu"],
  莘: ["shen", "xin"],
  庄: ["zhuang"],
  长: ["chang", "zhang"],
  乐: ["le", "yue"],
  张: ["zhang"],
};
const readings = (c: string) => READINGS[c] ?? [];
const tools = { dictionary, readings };

const knownSet = (words: string) => {
  const set = new Set(words.split(" "));
  return (w: string) => set.has(w);
};

describe("isChinese", () => {
  it("takes questions written in Chinese characters", () => {
    expect(isChinese("学校什么时候开放？")).toBe(true);
    expect(isChinese("今年GDP增速是多少？")).toBe(true);
  });
  it("leaves English, English naming a place in characters, and Japanese alone", () => {
    expect(isChinese("When does the library open?")).toBe(false);
    expect(isChinese("What is planned for 莘庄?")).toBe(false);
    expect(isChinese("図書館はいつ開きますか")).toBe(false);
  });
});

describe("segmentation", () => {
  const isWord = (w: string) => dictionary.lookup(w) !== undefined;
  it("keeps dictionary words whole and keeps Latin words and numbers", () => {
    const words = segmentChinese("图书馆开放时间是多少？GDP 2024", isWord).map((t) => t.text);
    expect(words).toEqual(expect.arrayContaining(["图书馆", "开放", "时间", "多少", "GDP", "2024"]));
  });
  it("cuts a string the dictionary lacks into its longest words", () => {
    expect(splitUnknown("新建公园医院", isWord)).toEqual(["新建", "公园", "医院"]);
    expect(splitUnknown("东湖", isWord)).toEqual(["东", "湖"]);
  });
});

describe("senses", () => {
  it("cleans a gloss into query words", () => {
    expect(cleanGloss("park (for public recreation)")).toBe("park");
    expect(cleanGloss("to lift a ban on sth")).toBe("lift a ban on");
  });
  it("drops cross-references, surnames and classifier notes", () => {
    const glosses = glossesOf(dictionary.lookup("区")!).map((g) => g.text);
    expect(glosses).toEqual(["area", "region", "district"]);
    expect(glossesOf(dictionary.lookup("学校")!).map((g) => g.text)).toEqual(["school"]);
  });
  it("prefers the sense whose words the shelf uses, else the first", () => {
    expect(chooseGloss(dictionary.lookup("镇")!, knownSet("town"))?.text).toBe("small town");
    expect(chooseGloss(dictionary.lookup("镇")!, knownSet("calm"))?.text).toBe("calm");
    expect(chooseGloss(dictionary.lookup("区")!, knownSet("district"))?.text).toBe("district");
    expect(chooseGloss(dictionary.lookup("区")!, knownSet(""))?.text).toBe("area");
    expect(chooseGloss(dictionary.lookup("开放")!, knownSet("opened"))?.text).toBe("open");
  });
  it("adds a second one-word noun sense only when the shelf uses both", () => {
    const readings = dictionary.lookup("区")!;
    const chosen = chooseGloss(readings, knownSet("area district"))!;
    expect(alternativeGloss(readings, chosen, knownSet("area district")).map((g) => g.text)).toEqual([
      "district",
    ]);
    expect(alternativeGloss(readings, chosen, knownSet("area"))).toEqual([]);
  });
});

describe("names", () => {
  it("tries every reading of a character with several", () => {
    expect(spellings("莘庄", readings)).toEqual(["shenzhuang", "xinzhuang"]);
  });
  it("is a name only when the shelf spells it so", () => {
    expect(knownName("莘庄", readings, knownSet("xinzhuang"))).toBe("Xinzhuang");
    expect(knownName("莘庄", readings, knownSet("zhuang"))).toBeNull();
  });
});

describe("chineseToEnglish", () => {
  it("renders a name in pinyin with its generic suffix translated", () => {
    const q = chineseToEnglish("东湖路的图书馆什么时候开放？", tools, knownSet("donghu road library open"));
    expect(q).toBe("when Donghu Road library open");
  });
  it("puts a counted noun after 'how many', head first", () => {
    const q = chineseToEnglish("今年要新建多少个医院？", tools, knownSet("hospital built"));
    expect(q.startsWith("how many hospital")).toBe(true);
    expect(q).toContain("this year");
  });
  it("reads the noun before 有几个 as the thing counted", () => {
    const q = chineseToEnglish("莘庄镇公园有几个？", tools, knownSet("xinzhuang town park"));
    expect(q).toBe("how many park in Xinzhuang Town");
  });
  it("asks 'what is' when 什么 names no noun of its own", () => {
    expect(chineseToEnglish("图书馆开放时间是什么？", tools, knownSet("library opened"))).toBe(
      "what is library open time",
    );
  });
  it("drops particles and chooses senses by the shelf", () => {
    const q = chineseToEnglish("区里的学校吗", tools, knownSet("district school"));
    expect(q).toBe("district school");
  });
  it("reads a word after 的 as a noun", () => {
    expect(chineseToEnglish("学校提供的服务", tools, knownSet("school serve service offer"))).toBe(
      "school offer service",
    );
  });
  it("asks 'what is' when the noun after 什么 names no topic of its own", () => {
    expect(chineseToEnglish("图书馆有什么安排？", tools, knownSet("library arrangements"))).toBe(
      "what is library arrangements",
    );
  });
  it("opens a yes-no question with its English auxiliary", () => {
    expect(chineseToEnglish("明天会不会下雨？", tools, knownSet(""))).toBe("will tomorrow rain");
  });
  it("names a unit the dictionary can only explain as the shelf spells it", () => {
    expect(chineseToEnglish("多少亩", tools, knownSet("mu"))).toBe("how many mu");
  });
  it("counts the unit after 多少, what it measures behind 'of'", () => {
    expect(chineseToEnglish("多少公里绿地", tools, knownSet("kilometers green"))).toBe(
      "how many kilometer of green area",
    );
  });
  it("ends the noun phrase after 哪个 at a preposition (以哪个行动为重点)", () => {
    expect(chineseToEnglish("以哪个行动为重点", tools, knownSet("action focus"))).toBe(
      "which action in focus",
    );
  });
  it("spells a word the dictionary gives only as a surname", () => {
    expect(chineseToEnglish("张", tools, knownSet(""))).toBe("Zhang");
  });
});

describe("createChineseTranslator", () => {
  it("loads its dictionary once, on the first Chinese question", async () => {
    let loads = 0;
    const translator = createChineseTranslator({
      loadDictionary: async () => {
        loads++;
        return dictionary;
      },
      loadReadings: async () => readings,
    });
    expect(loads).toBe(0);
    expect(translator.handles("学校什么时候开放")).toBe(true);
    expect((await translator.translate("学校什么时候开放", knownSet("school open"))).query).toBe(
      "when school open",
    );
    await translator.translate("医院", knownSet(""));
    expect(loads).toBe(1);
  });
  it("tries the load again after a failure", async () => {
    let calls = 0;
    const translator = createChineseTranslator({
      loadDictionary: async () => {
        if (++calls === 1) throw new Error("disk");
        return dictionary;
      },
      loadReadings: async () => readings,
    });
    await expect(translator.translate("医院", knownSet(""))).rejects.toThrow("disk");
    expect((await translator.translate("医院", knownSet(""))).query).toBe("hospital");
  });
});

describe("words the dictionary renders badly", () => {
  it("writes a surname before a given name the shelf spells as English does", () => {
    expect(chineseToEnglish("陈华文", tools, knownSet("chen huawen"))).toBe("Chen Huawen");
    // Without the surname in the shelf, the character keeps its dictionary sense.
    expect(chineseToEnglish("陈华文", tools, knownSet("huawen"))).toBe("lay out Huawen");
  });
  it("passes over slang senses, and drops a classifier after a numeral", () => {
    expect(chineseToEnglish("零号", tools, knownSet("zero"))).toBe("zero");
  });
  it("says a verb in the shelf's derived noun when the shelf does not use the verb", () => {
    expect(chineseToEnglish("消费", tools, knownSet("consumption"))).toBe("consumption");
    expect(chineseToEnglish("振兴", tools, knownSet("revitalization"))).toBe("revitalization");
    // A sense the shelf uses as it stands beats one it only uses derived.
    expect(chineseToEnglish("振兴", tools, knownSet("revive revitalization"))).toBe("revive");
  });
});

describe("translation quality", () => {
  it("tells how much of the question the shelf's words render", () => {
    const known = knownSet("school open park");
    const all = translateChinese("学校什么时候开放？", tools, known);
    expect(understoodShare(all)).toBe(1);
    // 明天 and 下雨 have translations the shelf does not use; the question word is not content.
    const half = translateChinese("明天学校会不会下雨？", tools, known);
    expect(half.words.map((w) => w.source)).toEqual(["明天", "学校", "下雨"]);
    expect(understoodShare(half)).toBeCloseTo(2 / 6);
  });
  it("tells how much of the question a quote covers", () => {
    const t = translateChinese("学校什么时候开放门票？", tools, knownSet("school open ticket"));
    expect(coveredShare(t, "The schools will be opened in May.")).toBeCloseTo(4 / 6);
    expect(coveredShare(t, "Nothing about it.")).toBe(0);
  });
});

describe("question forms", () => {
  it("searches a quoted phrase with the question word and names, without the words that frame it", () => {
    expect(
      chineseToEnglish(
        "东湖路的图书馆就是“开放时间”那句是什么？",
        tools,
        knownSet("donghu road library open time"),
      ),
    ).toBe("what is Donghu Road open time");
  });
  it("takes 几 for 'a few' when another question word asks", () => {
    expect(chineseToEnglish("除了几个医院，哪个学校开放？", tools, knownSet("hospital school open"))).toMatch(
      /^which school/,
    );
  });
});

describe("how-many questions", () => {
  const known = knownSet("park pocket parks built hospital year");
  it("say what they count, and a text states a count of it only with a number before it", () => {
    const t = translateChinese("今年要新建多少个公园？", tools, known);
    expect(t.counts).toEqual(["park"]);
    expect(statesCount(t, "20 pocket parks will be completed.", analyser)).toBe(true);
    expect(statesCount(t, "Three new parks open.", analyser)).toBe(true);
    expect(statesCount(t, "It will build 1,200 new parks.", analyser)).toBe(true);
    // 20 hours is a duration, and 3 counts districts.
    expect(statesCount(t, "Parks will open 20 hours a day in 3 districts.", analyser)).toBe(false);
    expect(
      statesCount(translateChinese("公园什么时候开放？", tools, known), "Parks open in 2024.", analyser),
    ).toBeNull();
  });
  it("take a number the language tool finds, wherever it stands, not an ordinal", () => {
    const t = translateChinese("今年要新建多少个公园？", tools, known);
    // The tool's count is "3"; its first place here is a district's name, its second counts parks.
    expect(statesCount(t, "District 3 will build 3 parks.", analyser)).toBe(true);
    expect(statesCount(t, "The 18th park opened.", analyser)).toBe(false);
    // A tool that finds no count: the digits alone state none.
    const blind: TextAnalyser = {
      facts: () => ({ dates: [], numbers: [], counts: [], names: [], money: [] }),
    };
    expect(statesCount(t, "20 pocket parks will be completed.", blind)).toBe(false);
  });
  it("do not take a number the question itself gives", () => {
    const t = translateChinese("多少公园", tools, known);
    expect(t.counts).toEqual(["park"]);
    const given: TextAnalyser = {
      facts: () => ({ dates: [], numbers: ["20"], counts: ["20"], names: [], money: [] }),
    };
    expect(statesCount(t, "20 parks", given)).toBe(true);
    expect(statesCount({ ...t, query: `${t.query} 20` }, "20 parks", given)).toBe(false);
  });
  it("cap the confidence when the quote states no count, and scale it by what was understood", () => {
    const t = translateChinese("今年要新建多少个公园？", tools, known);
    expect(translatedConfidence(0.8, t, "20 parks", analyser)).toBeCloseTo(0.8);
    expect(translatedConfidence(0.8, t, "Parks are green.", analyser)).toBe(UNCOUNTED_CONFIDENCE);
    const half = translateChinese("明天学校会不会下雨？", tools, knownSet("school"));
    expect(translatedConfidence(0.9, half, "Schools.", analyser)).toBeCloseTo(0.9 * (2 / 6) ** 2);
  });
});

describe("when questions", () => {
  it("are answered by a text the language tool finds a date, a time or a duration in", () => {
    const t = translateChinese("图书馆什么时候开放？", tools, knownSet("library open"));
    expect(t.asksWhen).toBe(true);
    expect(statesTime(t, "The library will open by the end of September.", analyser)).toBe(true);
    expect(statesTime(t, "The library opens in 2025.", analyser)).toBe(true);
    expect(statesTime(t, "The library opens in 10 days.", analyser)).toBe(true);
    expect(statesTime(t, "The library will be open to all.", analyser)).toBe(false);
    expect(translatedConfidence(0.9, t, "The library will be open to all.", analyser)).toBe(
      UNCOUNTED_CONFIDENCE,
    );
    expect(translatedConfidence(0.9, t, "The library opens in 2025.", analyser)).toBeCloseTo(0.9);
    expect(
      statesTime(translateChinese("图书馆开放吗？", tools, knownSet("library open")), "x", analyser),
    ).toBeNull();
  });
});
