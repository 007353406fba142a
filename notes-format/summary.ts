/**
 * A one-line account of an import preview or result, for the notes view to show as it is:
 * "212 notes: 208 new, 3 already present, 1 invalid (line 40: missing entity (entryId))".
 */
import type { ImportPreview, ImportProblem } from './types';

const count = (n: number, one: string, many = `${one}s`) => `${n} ${n === 1 ? one : many}`;

export function describeProblem(problem: ImportProblem): string {
  const where = problem.line === null ? '' : `line ${problem.line}: `;
  return `${where}${problem.message}`;
}

export function describeImport(preview: ImportPreview, applied = false): string {
  const parts: string[] = [];
  if (preview.toAdd > 0) parts.push(`${preview.toAdd} ${applied ? 'added' : 'new'}`);
  if (preview.toUpdate > 0) {
    parts.push(applied ? `${preview.toUpdate} updated` : `${preview.toUpdate} newer than the copy here`);
  }
  if (preview.alreadyPresent > 0) parts.push(`${preview.alreadyPresent} already present`);
  if (preview.keptNewer > 0) parts.push(`${preview.keptNewer} kept as here (newer)`);
  if (preview.invalid > 0) {
    const first = preview.problems[0];
    parts.push(`${preview.invalid} invalid${first ? ` (${describeProblem(first)})` : ''}`);
  }
  const head = count(preview.total, 'note');
  return parts.length > 0 ? `${head}: ${parts.join(', ')}` : head;
}
