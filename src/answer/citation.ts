export interface DocTitles {
  [docPath: string]: string;
}

/** `Title › Section › ¶n (chars a–b)`: where a quote stands in the report. */
export function citation(
  q: { doc: string; section: string; paragraph: number; start: number; end: number; page?: number },
  titles: DocTitles,
): string {
  const page = q.page ? `, p. ${q.page}` : "";
  return `${titles[q.doc] ?? q.doc} › ${q.section} › ¶${q.paragraph}${page} (chars ${q.start}–${q.end})`;
}
