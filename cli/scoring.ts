/** The measure of ../shared/eval/README.md, as a pure function. */

export interface GoldLabel {
  readonly span: readonly [number, number];
  readonly entity_id: string;
  readonly name?: string;
  readonly mention?: string;
}

export interface GoldDoc {
  readonly id: string | number;
  readonly text: string;
  readonly labels: readonly GoldLabel[];
}

export interface Prediction {
  readonly doc: string;
  readonly start: number;
  readonly end: number;
  readonly text: string;
  readonly qid: string | null;
}

export interface Score {
  readonly right: number;
  readonly wrong: number;
  /** Wrong only because the gold data has no entity for the span (`<NIL>`): often a real entity it could not link. */
  readonly wrongOverNil: number;
  readonly found: number;
  readonly findable: number;
  readonly gold: number;
  readonly precision: number;
  readonly recall: number;
  readonly coverage: number;
  readonly wrongList: string[];
  readonly missedList: string[];
}

const overlaps = (a: readonly [number, number], start: number, end: number) => a[0] < end && start < a[1];
const isQid = (id: string) => /^Q\d+$/.test(id);
const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);

/**
 * right: overlaps a gold mention with the same QID; wrong: overlaps an annotated mention with another
 * QID (NIL included), or overlaps none and starts with a capital letter; other lower-case predictions
 * are not judged. Recall counts gold mentions whose QID the glossary knows.
 */
export function scoreSpotting(
  docs: readonly GoldDoc[],
  predictions: readonly Prediction[],
  knownQids: ReadonlySet<string>,
): Score {
  const byDoc = new Map<string, Prediction[]>();
  for (const p of predictions) {
    const list = byDoc.get(p.doc) ?? [];
    list.push(p);
    byDoc.set(p.doc, list);
  }
  let right = 0;
  let wrong = 0;
  let wrongOverNil = 0;
  let found = 0;
  let findable = 0;
  let gold = 0;
  const wrongList: string[] = [];
  const missedList: string[] = [];
  for (const doc of docs) {
    const preds = byDoc.get(String(doc.id)) ?? [];
    for (const p of preds) {
      const hits = doc.labels.filter((l) => overlaps(l.span, p.start, p.end));
      if (hits.some((l) => l.entity_id === p.qid)) right++;
      else if (hits.length > 0 || /^\p{Lu}/u.test(p.text)) {
        wrong++;
        if (hits.length > 0 && hits.every((h) => h.entity_id === '<NIL>')) wrongOverNil++;
        const what =
          hits.length > 0 ? hits.map((h) => `${h.entity_id} ${h.name ?? ''}`).join(', ') : 'no label';
        wrongList.push(`${doc.id}: "${p.text}" → ${p.qid ?? 'null'} (gold: ${what})`);
      }
    }
    for (const l of doc.labels) {
      if (!isQid(l.entity_id)) continue;
      gold++;
      if (!knownQids.has(l.entity_id)) continue;
      findable++;
      if (preds.some((p) => p.qid === l.entity_id && overlaps(l.span, p.start, p.end))) found++;
      else
        missedList.push(
          `${doc.id}: "${doc.text.slice(l.span[0], l.span[1])}" ${l.entity_id} ${l.name ?? ''}`,
        );
    }
  }
  return {
    right,
    wrong,
    wrongOverNil,
    found,
    findable,
    gold,
    precision: ratio(right, right + wrong),
    recall: ratio(found, findable),
    coverage: ratio(findable, gold),
    wrongList,
    missedList,
  };
}
