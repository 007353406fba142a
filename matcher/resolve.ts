/**
 * Which candidates are mentions. Runs once the whole page is scanned, because a conditional term
 * ("Mr. Putin", "Article 5", "Georgia") counts only where something it requires is on the page.
 * Pure, like the matcher.
 */
import { insideLargerName } from './larger-name';
import type { Candidate, Matcher, Mention, Term } from './matcher';

/**
 * What is present on the page for conditions to lean on: entries named by an unconditional term,
 * and cue words (negative keys).
 */
export function presentOnPage(terms: readonly Term[], candidates: Iterable<Candidate>): Set<number> {
  const present = new Set<number>();
  for (const c of candidates) {
    for (const t of c.terms) {
      const term = terms[t]!;
      if (term.entry < 0 || !term.requires) present.add(term.entry);
    }
  }
  return present;
}

/**
 * Keeps the candidates that are mentions; each takes the first of its terms whose condition holds.
 * With the candidates' `text`, a match that is only part of a longer unknown name is dropped.
 */
export function resolveMentions(
  terms: readonly Term[],
  candidates: readonly Candidate[],
  present: ReadonlySet<number>,
  text?: string,
): Mention[] {
  const mentions: Mention[] = [];
  for (const c of candidates) {
    if (text !== undefined && insideLargerName(text, c.start, c.end)) continue;
    const chosen = c.terms.find((t) => {
      const term = terms[t]!;
      if (term.entry < 0) return false;
      return !term.requires || term.requires.some((key) => present.has(key));
    });
    if (chosen !== undefined) {
      mentions.push({ start: c.start, end: c.end, entry: terms[chosen]!.entry, term: chosen });
    }
  }
  return mentions;
}

/** Scan and resolve one text on its own: the whole text is the page. */
export function findMentions(matcher: Matcher, text: string): Mention[] {
  const candidates = matcher.scan(text);
  return resolveMentions(matcher.terms, candidates, presentOnPage(matcher.terms, candidates), text);
}
