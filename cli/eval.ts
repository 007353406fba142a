/**
 * npm run eval — scores the extension's spotting on ../shared/eval/ with the measure its README
 * defines, and prints precision, recall and coverage (and, with --errors, the mistakes to study).
 */
import { readFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { sharedPath } from '../test/shared';
import { scoreSpotting, type GoldDoc } from './scoring';
import { createSpotter, spotText } from './spotting';

const { values } = parseArgs({
  options: { errors: { type: 'boolean' }, file: { type: 'string' } },
});
const file = values.file ?? sharedPath('eval', 'aida-conll-dev.nonsports.jsonl');
const docs = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim() !== '')
  .map((l) => JSON.parse(l) as GoldDoc);

const spotter = createSpotter();
const known = new Set(spotter.entries.flatMap((e) => (e.qid ? [e.qid] : [])));
const predictions = docs.flatMap((d) => spotText(spotter, String(d.id), d.text));
const score = scoreSpotting(docs, predictions, known);

const pct = (x: number) => x.toFixed(3);
console.log(`documents  ${docs.length}`);
console.log(`glossary   ${spotter.entries.length} entries, ${known.size} with a QID`);
console.log(`precision  ${pct(score.precision)}  (${score.right} right, ${score.wrong} wrong)`);
const linked = score.right / (score.right + score.wrong - score.wrongOverNil || 1);
console.log(
  `           ${pct(linked)}  without the ${score.wrongOverNil} wrong ones over spans the gold data leaves unlinked (<NIL>)`,
);
console.log(`recall     ${pct(score.recall)}  (${score.found} of ${score.findable} findable gold mentions)`);
console.log(`coverage   ${pct(score.coverage)}  (${score.findable} of ${score.gold} gold QID mentions)`);
if (values.errors) {
  console.log('\nwrong:');
  for (const e of score.wrongList) console.log(`  ${e}`);
  console.log('\nmissed:');
  for (const e of score.missedList) console.log(`  ${e}`);
}
