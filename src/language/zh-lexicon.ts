/**
 * What the dictionary alone does not give a Chinese question's English query: the question words and the
 * English forms the answer stage reads, the words that carry no content, and the generic parts of place
 * names. General Chinese, never one report's words.
 */

/** How a question word is said in English, and where the asked-about noun stands in Chinese. */
export interface QuestionForm {
  english: string;
  /** "before": the Chinese noun follows the word (多少个项目 "how many projects"): it follows in English too. */
  noun: "before" | "none";
  /** 几 also means "a few" (几条铁路): another question word in the same question is the one asked. */
  weak?: boolean;
}

/** Longest first is not needed: the segmenter keeps these whole. */
export const QUESTION_WORDS: Record<string, QuestionForm> = {
  什么时候: { english: "when", noun: "none" },
  啥时候: { english: "when", noun: "none" },
  何时: { english: "when", noun: "none" },
  几时: { english: "when", noun: "none" },
  哪一年: { english: "when", noun: "none" },
  哪年: { english: "when", noun: "none" },
  哪天: { english: "when", noun: "none" },
  哪一天: { english: "when", noun: "none" },
  几月几号: { english: "when", noun: "none" },
  几月几日: { english: "when", noun: "none" },
  几号: { english: "when", noun: "none" },
  多少钱: { english: "how much money", noun: "none" },
  几年: { english: "how many years", noun: "none" },
  几天: { english: "how many days", noun: "none" },
  几次: { english: "how many times", noun: "none" },
  多少: { english: "how many", noun: "before" },
  几个: { english: "how many", noun: "before", weak: true },
  几: { english: "how many", noun: "before", weak: true },
  多大: { english: "how big", noun: "none" },
  多长: { english: "how long", noun: "none" },
  哪几个: { english: "which", noun: "before" },
  哪几类: { english: "which", noun: "before" },
  哪几种: { english: "which", noun: "before" },
  哪些: { english: "which", noun: "before" },
  哪个: { english: "which", noun: "before" },
  哪一个: { english: "which", noun: "before" },
  哪一: { english: "which", noun: "before" },
  哪: { english: "which", noun: "before" },
  什么样: { english: "what kind of", noun: "before" },
  为什么: { english: "why", noun: "none" },
  为啥: { english: "why", noun: "none" },
  为何: { english: "why", noun: "none" },
  怎么样: { english: "how", noun: "none" },
  怎么: { english: "how", noun: "none" },
  怎样: { english: "how", noun: "none" },
  如何: { english: "how", noun: "none" },
  咋: { english: "how", noun: "none" },
  哪里: { english: "where", noun: "none" },
  哪儿: { english: "where", noun: "none" },
  什么: { english: "what", noun: "before" },
  啥: { english: "what", noun: "before" },
  谁: { english: "who", noun: "none" },
  // Yes-no questions: the English auxiliary that opens them.
  会不会: { english: "will", noun: "none" },
  能不能: { english: "can", noun: "none" },
  可不可以: { english: "can", noun: "none" },
  是不是: { english: "is", noun: "none" },
  有没有: { english: "is there", noun: "none" },
  是否: { english: "whether", noun: "none" },
};

/**
 * Particles, pronouns, copulas, modal and conversational words: dropped. Only words whose English would
 * add nothing a search could use ("is", "we", "want to ask", "exactly").
 */
export const FILLER = new Set(
  (
    "的 地 得 了 着 过 吗 呢 吧 啊 呀 嘛 哦 么 是 在 有 要 会 能 可以 可 将 把 被 给 让 对 向 从 和 与 及 跟 同 为 " +
    "这 那 这个 那个 那些 这次 那次 这些 这里 那里 那边 这边 这块 这方面 其 之 " +
    "我 我们 你 你们 您 他 她 它 他们 咱们 大家 自己 " +
    "就 都 也 还 又 再 才 已经 一共 总共 到底 究竟 主要 一般 一下 一些 下 " +
    "想 问 请问 想问 想知道 知道 说 讲 提到 报告 里 中 上 方面 来 去 做 搞 " +
    "新来 新来的 就是 那句 句 不 没 没有"
  ).split(" "),
);

/**
 * Words of administrative Chinese whose dictionary senses miss the sense a government text uses (区 is a
 * district there, not an area).
 */
export const WORDS: Record<string, string> = {
  全区: "whole district",
  区里: "district",
  区级: "district-level",
  全市: "whole city",
  市里: "city",
  市级: "city-level",
  全镇: "whole town",
  镇里: "town",
  镇级: "town-level",
};

/**
 * Nouns that name no topic of their own after 什么/哪些 ("有什么安排" asks what is planned, not about
 * "arrangements"): the question then reads "what is …", and the noun stays among the other words.
 */
export const GENERIC_NOUNS = new Set(
  "安排 打算 工作 措施 举措 内容 情况 做法 进展 任务 要求 方面 东西 事情 事 办法".split(" "),
);

/**
 * Dropped words that still end a noun phrase: the copula, prepositions and auxiliaries ("以哪个行动为重点": the
 * action asked about ends at 为).
 */
export const PHRASE_ENDS = new Set(
  (
    "是 为 在 有 要 会 能 可以 将 把 被 给 让 对 向 从 以 " +
    // Adverbs, which stand before a verb, never inside a noun phrase (几个项目已经完成).
    "已经 已 都 也 还 就 又 再 才 正在"
  ).split(" "),
);

/**
 * Units of measure: after 多少/几 the unit is what is counted, the noun after it what it measures
 * (多少公里绿道 "how many kilometers of greenway").
 */
export const UNITS = new Set(
  (
    "公里 千米 米 厘米 平方米 平方公里 立方米 亩 公顷 吨 公斤 千克 克 元 万元 亿元 美元 小时 分钟 秒 天 周 " +
    "个月 月 年 岁 户 人 人次 倍"
  ).split(" "),
);

/**
 * Classifiers that stand between a number word and its noun (多少个项目, 几所大学), and 号 after a house
 * number: dropped, the number and the noun kept.
 */
export const CLASSIFIERS = new Set(
  "个 件 项 座 家 所 位 名 条 种 类 批 只 张 本 处 块 台 辆 户 号".split(" "),
);

/** Chinese numerals: a classifier after one says nothing in English (三个 "three", 零号 "zero"). */
export const NUMERALS = new Set("零 〇 一 二 两 三 四 五 六 七 八 九 十 百 千 万 亿 几 半".split(" "));

/**
 * The generic part of a place or body's name, said in English after the name's pinyin: 龙吴路 "Longwu Road".
 * Used only after a name; elsewhere the dictionary's sense is chosen as for any word.
 */
export const NAME_SUFFIXES: Record<string, string> = {
  路: "Road",
  街: "Street",
  大道: "Avenue",
  镇: "Town",
  村: "Village",
  区: "District",
  县: "County",
  市: "City",
  省: "Province",
  河: "River",
  江: "River",
  湖: "Lake",
  湾: "Bay",
  山: "Mountain",
  岛: "Island",
  港: "Port",
  桥: "Bridge",
  公园: "Park",
  街道: "Subdistrict",
  新城: "New City",
  大学: "University",
};
