/** Which of an entry's dated facts hold on a given day. Pure; dates compare as ISO strings. */
import type { Fact, Kind } from './schema';

/** Pads a partial ISO date so that "2001" and "2001-10" compare with "2001-10-03". */
function pad(date: string, end: boolean): string {
  if (date.length === 4) return `${date}-${end ? '12-31' : '01-01'}`;
  if (date.length === 7) return `${date}-${end ? '31' : '01'}`;
  return date;
}

/** Facts true on `date` (YYYY-MM-DD); with no date, those still true when last checked. */
export function factsAsOf(facts: readonly Fact[], date?: string): Fact[] {
  return facts.filter((f) => {
    if (date === undefined) return f.until === undefined;
    if (f.from !== undefined && pad(f.from, false) > date) return false;
    if (f.until !== undefined && pad(f.until, true) < date) return false;
    return true;
  });
}

export const KIND_LABELS: Readonly<Record<Kind, string>> = {
  organisation: 'Organisation',
  person: 'Person',
  place: 'Place',
  treaty: 'Treaty',
  event: 'Event',
  concept: 'Concept',
};

export function wikipediaUrl(title: string): string {
  return `https://en.wikipedia.org/wiki/${encodeURIComponent(title.replace(/ /g, '_'))}`;
}
