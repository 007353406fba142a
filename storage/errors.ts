/**
 * IndexedDB failures in words a reader can act on. Dexie wraps the browser's DOMException in its own
 * errors (the original is `inner`), so both names are looked at.
 */

function names(error: unknown): string[] {
  const found: string[] = [];
  let current: unknown = error;
  for (let depth = 0; depth < 4 && typeof current === 'object' && current !== null; depth++) {
    const name = (current as { name?: unknown }).name;
    if (typeof name === 'string') found.push(name);
    current = (current as { inner?: unknown }).inner;
  }
  return found;
}

const MESSAGES: readonly [readonly string[], string][] = [
  [
    ['QuotaExceededError'],
    'The browser has no room left to save notes. Free some disk space (or export your notes) and try again; nothing was changed.',
  ],
  [
    ['DatabaseBlockedError', 'BlockedError'],
    'The notes database is busy with another copy of Backstory that is still open. Close other windows of this browser profile or restart the browser; nothing was changed.',
  ],
  [
    ['VersionError'],
    'The notes database was made by a newer version of Backstory. Update the extension to reach your notes; they have not been touched.',
  ],
  [
    ['DatabaseClosedError', 'InvalidStateError'],
    'The notes database was closed (the browser may be shutting down or updating Backstory). Try again in a moment; nothing was changed.',
  ],
  [['AbortError', 'TransactionInactiveError'], 'Saving was interrupted and nothing was changed. Try again.'],
  [
    ['UnknownError', 'DataError', 'OpenFailedError'],
    'The browser could not open the notes database. Restarting the browser usually helps; your notes are not touched by this.',
  ],
];

export function describeStorageError(error: unknown): string {
  const found = names(error);
  for (const [keys, message] of MESSAGES) {
    if (found.some((n) => keys.includes(n))) return message;
  }
  const detail = error instanceof Error ? error.message : String(error);
  return `Notes could not be saved or read (${detail}). Nothing was changed.`;
}
