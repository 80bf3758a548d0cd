/**
 * Chinese (zh-CN) texts for the front ends, kept here until the front ends take them: the slash commands'
 * `description_localizations` (Discord allows at most 100 characters each) and a help text. Keys follow
 * the command and option names of `src/frontends/discord/commands.ts`.
 */

/** Per command: its description and its options' descriptions, in Simplified Chinese. */
export const ZH_CN_COMMAND_DESCRIPTIONS = {
  ask: {
    description: "就报告提问（可用中文）；回答逐字引用报告原文，并注明出处。",
    options: {
      question: "用平常的话提问，例如：今年要建成多少个公园？",
      doc: "只查这份文件（不选则查全部文件）。",
    },
  },
  quote: {
    description: "查原文措辞：列出包含某个短语的每一句，并注明位置。",
    options: {
      phrase: "要查找的英文词句（不区分大小写、引号和破折号）。",
      doc: "只查这份文件（不选则查全部文件）。",
    },
  },
  brief: {
    description: "用报告原话概述某一部分或某个主题，每句注明出处。",
    options: { topic: "从列表中选一个部分，或写一个主题。", doc: "只查这份文件（不选则查全部文件）。" },
  },
  outline: {
    description: "列出文件、各部分标题，以及每部分的一句原文。",
    options: { doc: "只查这份文件（不选则查全部文件）。" },
  },
  sources: { description: "你上一个问题的更多相关段落，仅你可见。", options: {} },
  about: { description: "我根据哪些文件回答、所用模型和索引版本。", options: {} },
} as const;

/** The help text for a Chinese-speaking reader: what the bot does with a Chinese question, and its limits. */
export const ZH_CN_HELP = [
  "我用报告的原文回答关于报告的问题：每个回答都是报告中逐字引用的句子，并注明所在的部分、段落和字符位置。",
  "可以用中文提问。中文问题会先在本机（不联网）借助汉英词典转换成英文检索词，回答中会显示“检索词：…”，让你看到我理解成了什么；引用的仍是报告的英文原句。",
  "报告没有说到的内容，我会如实说明没有找到，并列出最接近的段落。",
  "地名和项目名按报告的拼音写法查找（如“莘庄”查 Xinzhuang）。问题越具体（写明地点、项目、数字、时间），回答越准。",
  "命令：/ask 提问，/quote 查原文措辞（英文），/brief 主题概述，/outline 报告结构；加上 doc: 只查一份文件。",
].join("\n\n");

/** The line that shows what a Chinese question was searched for. */
export const zhSearchedFor = (query: string): string => `检索词：${query}`;
