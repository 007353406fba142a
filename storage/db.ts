/**
 * The notes database. It lives in the extension's origin and only the background opens it; content
 * scripts and pages reach it through messages.
 *
 * Schema versions are only ever added, never edited: a reader's database may have been made by any
 * earlier version, and each upgrade below must turn it into the next one. `storage/db.test.ts` opens
 * a database made by every earlier version and checks what the upgrades made of it.
 */
import { Dexie, type EntityTable, type Transaction } from 'dexie';
import { pageKey, siteOf, type Note } from './note-model';

export const DB_NAME = 'backstory';

/** A note as stored: the note plus the keys it is indexed under. */
export type NoteRecord = Note & {
  /** `pageKey(pageUrl)`: the URL without fragment or click-tracking parameters. */
  readonly pageKey: string;
  /** `siteOf(pageUrl)`: the host without "www.". */
  readonly site: string;
};

export type BackstoryDb = Dexie & {
  notes: EntityTable<NoteRecord, 'id'>;
};

/** A v1 record: what version 1 stored. */
interface NoteV1 {
  id: string;
  entryId: string;
  text: string;
  createdAt: number;
  updatedAt: number;
  pageUrl: string;
  pageTitle: string;
}

/** v1 → v2: notes gain tags, page date, quote and history, and the keys for page and site lookups. */
async function upgradeToV2(tx: Transaction): Promise<void> {
  await tx
    .table<NoteV1 & Partial<NoteRecord>, string>('notes')
    .toCollection()
    .modify((note) => {
      Object.assign(note, {
        tags: note.tags ?? [],
        pageDate: note.pageDate ?? null,
        quote: note.quote ?? null,
        history: note.history ?? [],
        pageKey: pageKey(note.pageUrl),
        site: siteOf(note.pageUrl),
      });
    });
}

/** Each version's schema and upgrade, in order. Append only. */
const VERSIONS: readonly {
  readonly stores: Record<string, string>;
  readonly upgrade?: (tx: Transaction) => Promise<void>;
}[] = [
  { stores: { notes: 'id, entryId, updatedAt, createdAt' } },
  {
    stores: { notes: 'id, entryId, updatedAt, createdAt, pageKey, *tags, site' },
    upgrade: upgradeToV2,
  },
];

export const DB_VERSION = VERSIONS.length;

/**
 * Opens (lazily, on first use) the database, declaring versions 1 to `upTo`. Only tests pass `upTo`,
 * to make a database the way an earlier Backstory did.
 */
export function openDb(name: string = DB_NAME, upTo: number = DB_VERSION): BackstoryDb {
  const db = new Dexie(name) as BackstoryDb;
  VERSIONS.slice(0, upTo).forEach((version, i) => {
    const declared = db.version(i + 1).stores(version.stores);
    if (version.upgrade) declared.upgrade(version.upgrade);
  });
  db.on('blocked', () => {
    blockedSince.set(db, Date.now());
  });
  return db;
}

/** When an upgrade of this database started waiting for another open copy to close. */
const blockedSince = new WeakMap<Dexie, number>();

/** Thrown when the database stays blocked by an older open copy; see `describeStorageError`. */
export class DatabaseBlockedError extends Error {
  override name = 'DatabaseBlockedError';
}

/**
 * Opens the database if it is not open yet. An upgrade waits while another copy of the database is
 * open (an old background, a second browser window of the same profile in Firefox); rather than hang,
 * this fails after `patience` ms so that the reader is told.
 */
export async function ensureOpen(db: Dexie, patience = 5_000): Promise<void> {
  if (db.isOpen()) return;
  let timer: ReturnType<typeof setTimeout> | undefined;
  const blocked = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      if (blockedSince.has(db)) reject(new DatabaseBlockedError('the notes database is blocked'));
    }, patience);
  });
  try {
    await Promise.race([db.open(), blocked]);
  } finally {
    clearTimeout(timer);
  }
}
