import { describe, expect, it } from 'vitest';
import { scoreSpotting, type GoldDoc, type Prediction } from './scoring';

const doc: GoldDoc = {
  id: 1,
  text: 'RUSSIA and Lebed met in Moscow with NATO officials',
  labels: [
    { span: [0, 6], entity_id: 'Q159' },
    { span: [11, 16], entity_id: 'Q183' },
    { span: [24, 30], entity_id: 'Q649' },
    { span: [36, 40], entity_id: '<NIL>' },
  ],
};
const p = (start: number, end: number, qid: string | null): Prediction => ({
  doc: '1',
  start,
  end,
  text: doc.text.slice(start, end),
  qid,
});

describe('scoreSpotting', () => {
  it('counts right, wrong and unjudged predictions as the eval README defines', () => {
    const score = scoreSpotting(
      [doc],
      [p(0, 6, 'Q159'), p(36, 40, 'Q7184'), p(41, 50, 'Q1'), p(17, 20, 'Q2')],
      new Set(['Q159', 'Q649', 'Q7184']),
    );
    // "officials" is lower case over unannotated text: not judged. "met" too.
    expect(score).toMatchObject({ right: 1, wrong: 1, wrongOverNil: 1, found: 1, findable: 2, gold: 3 });
    expect(score.precision).toBe(0.5);
    expect(score.recall).toBe(0.5);
    expect(score.coverage).toBeCloseTo(2 / 3);
  });
  it('judges a capitalised prediction over unannotated text as wrong', () => {
    const text = 'The Board met';
    const score = scoreSpotting(
      [{ id: 2, text, labels: [] }],
      [{ doc: '2', start: 4, end: 9, text: 'Board', qid: 'Q5' }],
      new Set(),
    );
    expect(score.wrong).toBe(1);
  });
});
