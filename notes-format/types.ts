/** What the export and import modules hand back; shared with the protocol and the UI. */

export type ExportFormat = 'json' | 'markdown' | 'jsonld';

export interface ExportedFile {
  /** A suggested file name, e.g. `backstory-notes-2026-11-27.json`. */
  readonly filename: string;
  readonly mimeType: string;
  readonly text: string;
}

/** One thing wrong with an import file or one of its notes. */
export interface ImportProblem {
  /** 1-based line and column in the file where the problem is (a note's opening brace for a note). */
  readonly line: number | null;
  readonly column: number | null;
  /** 0-based position of the note in the file's `notes` array; `null` for the file as a whole. */
  readonly index: number | null;
  /** The note's id when it has a readable one. */
  readonly noteId: string | null;
  /** Where in the note: `text`, `quote.exact`, … ('' for the note or the file as a whole). */
  readonly path: string;
  readonly message: string;
}

/** What applying an import file would do. Nothing has been written when this is returned. */
export interface ImportPreview {
  /** Notes in the file, valid or not. */
  readonly total: number;
  /** New notes that will be added. */
  readonly toAdd: number;
  /**
   * Notes present here with the same id but other content, where the file's version is newer
   * (later `updatedAt`): they will be replaced and the version here kept in their history, so undo
   * brings it back.
   */
  readonly toUpdate: number;
  /** Notes already here with the same content: nothing to do. */
  readonly alreadyPresent: number;
  /** Notes present here with the same id, other content and a version here that is as new or newer: kept as they are. */
  readonly keptNewer: number;
  /** Notes that can't be imported; each has at least one entry in `problems`. */
  readonly invalid: number;
  /** Problems in file order; at most `MAX_PROBLEMS` (see `moreProblems`). */
  readonly problems: readonly ImportProblem[];
  /** How many problems were left out of `problems`. */
  readonly moreProblems: number;
  /** Entry ids of valid notes that the glossary does not have; those notes are imported all the same. */
  readonly unknownEntries: readonly string[];
  /** The file's `exportedAt`, when it has a valid one. */
  readonly exportedAt: string | null;
}

/** What applying did: the counts of the preview, made true in one transaction. */
export type ImportResult = ImportPreview;

/** What the exports say about a note's entity; from the glossary, which the background holds. */
export interface EntityInfo {
  readonly id: string;
  readonly name: string;
  readonly kind: string;
  /** Wikidata item, when the glossary has one. */
  readonly qid: string | null;
}

export type EntityInfoLookup = (entryId: string) => EntityInfo | undefined;
