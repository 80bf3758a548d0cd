/**
 * Button ids. They carry the answer id (the id of the /ask interaction or of the mentioning message) and,
 * for "More sources", the asker, so a press can be checked without any state, even after a restart. The
 * ◀ ▶ buttons of /quote carry the id of the /quote interaction, the asker and the page they lead to.
 */
export type ButtonAction =
  | { kind: "more"; answerId: string; askerId: string }
  | { kind: "vote"; vote: Vote; answerId: string }
  | { kind: "page"; queryId: string; askerId: string; page: number };

export type Vote = "up" | "down";

const PREFIX = "rqb";
const SNOWFLAKE = "(\\d{1,20})";
const MORE = new RegExp(`^${PREFIX}:more:${SNOWFLAKE}:${SNOWFLAKE}$`);
const VOTE = new RegExp(`^${PREFIX}:vote:(up|down):${SNOWFLAKE}$`);
const PAGE = new RegExp(`^${PREFIX}:page:${SNOWFLAKE}:${SNOWFLAKE}:(\\d{1,4})$`);

export function buttonId(action: ButtonAction): string {
  switch (action.kind) {
    case "more":
      return `${PREFIX}:more:${action.answerId}:${action.askerId}`;
    case "vote":
      return `${PREFIX}:vote:${action.vote}:${action.answerId}`;
    case "page":
      return `${PREFIX}:page:${action.queryId}:${action.askerId}:${action.page}`;
  }
}

/** The action of a button, or null for ids this bot did not make (e.g. from an older version). */
export function parseButtonId(customId: string): ButtonAction | null {
  const more = MORE.exec(customId);
  if (more) return { kind: "more", answerId: more[1] as string, askerId: more[2] as string };
  const vote = VOTE.exec(customId);
  if (vote) return { kind: "vote", vote: vote[1] as Vote, answerId: vote[2] as string };
  const page = PAGE.exec(customId);
  if (page) {
    return { kind: "page", queryId: page[1] as string, askerId: page[2] as string, page: Number(page[3]) };
  }
  return null;
}
