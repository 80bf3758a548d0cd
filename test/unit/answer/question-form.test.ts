import { describe, expect, it } from "vitest";
import { listsItems, questionForm } from "../../../src/answer/question-form.js";
import { continuationOf, pickWithin } from "../../../src/answer/pick.js";

describe("question form", () => {
  it("reads what is asked for off the first question word, wherever it stands", () => {
    expect(questionForm("How many pocket parks will be built?")).toEqual({
      wh: "how many",
      expects: "number",
    });
    expect(questionForm("In what year did the Normans arrive?").expects).toBe("year");
    expect(questionForm("When will the tunnel open?").expects).toBe("date");
    expect(questionForm("Who led the Normans?").expects).toBe("name");
    expect(questionForm("The plan was approved by whom?").expects).toBe("name");
    expect(questionForm("What is planned for parks?")).toEqual({ wh: "what", expects: null });
    expect(questionForm("Tell me about parks")).toEqual({ wh: "", expects: null });
  });
  it("reads what a question with no question word asks for off the thing it names", () => {
    expect(questionForm("is there a deadline for the renovation?")).toEqual({ wh: "", expects: "date" });
    expect(questionForm("Longwu Rd reno - completion date?").expects).toBe("date");
    expect(questionForm("did the mayor give a target for cutting emissions?").expects).toBe("number");
    expect(questionForm("R&D spend target, in yuan?").expects).toBe("money");
    expect(questionForm("Does the report mention greenways?").expects).toBe(null);
  });
  it("asks a counted set for a list, a named thing for a name, a why for a reason", () => {
    expect(questionForm("Which six villages make up the area?")).toEqual({
      wh: "which",
      expects: "list",
      count: 6,
      counted: ["villages", "make", "up"],
    });
    expect(questionForm("What are the 5 projects that finished early?")).toMatchObject({
      count: 5,
      counted: ["projects", "that", "finished"],
    });
    expect(questionForm("What are the names of the 71 projects?")).toMatchObject({
      expects: "list",
      count: 71,
    });
    expect(questionForm("What is the name of the new park?").expects).toBe("name");
    expect(questionForm("Why was the plan changed?").expects).toBe("reason");
    expect(questionForm("What is the total investment of the projects?").expects).toBe("money");
    expect(questionForm("What's the population of the district?").expects).toBe("number");
    expect(questionForm("What is the budget for the new parks?").expects).toBe("money");
    expect(questionForm("How much will the tunnel cost?").expects).toBe("money");
    expect(questionForm("How much has the population grown?").expects).toBe("number");
    expect(questionForm("What is planned for the total renovation of the old town?").expects).toBeNull();
    expect(questionForm("Which university is involved?").expects).toBe("name");
    expect(questionForm("What company built the tunnel?").expects).toBe("name");
    expect(questionForm("Which specific universities take part?").expects).toBe("name");
    expect(questionForm("What about parks?").expects).toBeNull();
    expect(questionForm("Which industries will grow?").expects).toBeNull();
    expect(questionForm("What are the one or two main goals?").expects).toBeNull();
  });
  it("tells a sentence that lists items from one that only names their number", () => {
    const teams =
      "Solidify the teams for biomedicine, civil aviation, aerospace, elderly care and platform economy.";
    expect(listsItems(teams, 5, ["teams"])).toBe(true);
    // An "and" inside a name, or a comma far from the counted word, lists nothing.
    expect(
      listsItems("Build the One Belt and Six Villages area and the Five Good and Two area.", 6, ["villages"]),
    ).toBe(false);
    expect(
      listsItems("Open the green spaces of three social units, and explore long-term management.", 3, [
        "units",
      ]),
    ).toBe(false);
    // The counted word must be there: a list of something else does not answer.
    expect(listsItems(teams, 5, ["villages"])).toBe(false);
    expect(listsItems("Parks in Qibao, Zizhu and Wujing.", 3)).toBe(false);
    expect(listsItems("Parks in Qibao, Zizhu, and Wujing.", 3)).toBe(true);
  });
});

describe("picking quotes", () => {
  it("takes the best and those within the margin, best first, ties to the earlier sentence", () => {
    expect(pickWithin([0.1, 2, 1.5, 2], [10, 11, 12, 9], 0.6, 3)).toEqual([3, 1, 2]);
    expect(pickWithin([0.1, 2, 1.5], [1, 2, 3], 0, 3)).toEqual([1]);
    expect(pickWithin([3, 2.9, 2.8], [1, 2, 3], 1, 2)).toEqual([0, 1]);
  });
  it("quotes the sentence after a short topic line", () => {
    const s = (paragraph: number, index: number, text: string) => ({ doc: "d", paragraph, index, text });
    const store = {
      sentences: [
        s(1, 1, "The third is parks."),
        s(1, 2, "We will build parks."),
        s(2, 1, "Long " + "word ".repeat(20)),
      ],
    } as never;
    expect(continuationOf(store, 0, 10)).toBe(1);
    expect(continuationOf(store, 1, 10)).toBeNull();
    expect(continuationOf(store, 2, 10)).toBeNull();
  });
});
