/**
 * Button ids. They carry the answer id (the id of the /ask interaction or of the mentioning message) and,
 * for "More sources", the asker, so a press can be checked without any state, even after a restart.
 */
export type ButtonAction =
  { kind: "more"; answerId: string; askerId: string } | { kind: "vote"; vote: Vote; answerId: string };

export type Vote = "up" | "down";

const PREFIX = "rqb";
const SNOWFLAKE = "(\\d{1,20})";
const MORE = new RegExp(`^${PREFIX}:more:${SNOWFLAKE}:${SNOWFLAKE}$`);
const VOTE = new RegExp(`^${PREFIX}:vote:(up|down):${SNOWFLAKE}$`);

export function buttonId(action: ButtonAction): string {
  return action.kind === "more"
    ? `${PREFIX}:more:${action.answerId}:${action.askerId}`
    : `${PREFIX}:vote:${action.vote}:${action.answerId}`;
}

/** The action of a button, or null for ids this bot did not make (e.g. from an older version). */
export function parseButtonId(customId: string): ButtonAction | null {
  const more = MORE.exec(customId);
  if (more) return { kind: "more", answerId: more[1] as string, askerId: more[2] as string };
  const vote = VOTE.exec(customId);
  if (vote) return { kind: "vote", vote: vote[1] as Vote, answerId: vote[2] as string };
  return null;
}
