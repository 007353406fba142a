/**
 * Requests a tab's content script answers, from the popup and the background.
 */
import * as v from 'valibot';
import type { Kind } from '../glossary/schema';

export const contentRequests = {
  getPageEntities: v.strictObject({}),
  revealEntity: v.strictObject({ entryId: v.pipe(v.string(), v.minLength(1), v.maxLength(200)) }),
  nextEntity: v.strictObject({}),
  /** The page's host name, so the popup's site switch works without host permissions. */
  getPageHost: v.strictObject({}),
  /** The reader chose "Add note to selection" from the context menu: open a note card on the selection. */
  noteOnSelection: v.strictObject({}),
} satisfies Record<string, v.GenericSchema>;

export type ContentRequest = keyof typeof contentRequests;
export type ContentParams<K extends ContentRequest> = v.InferOutput<(typeof contentRequests)[K]>;

export interface PageEntity {
  readonly entryId: string;
  readonly name: string;
  readonly kind: Kind;
  readonly count: number;
}

export interface ContentResults {
  /** Entities marked on the page, in order of first appearance. */
  getPageEntities: PageEntity[];
  /** Whether the entity was found and its card opened. */
  revealEntity: boolean;
  nextEntity: boolean;
  getPageHost: string;
  /** Whether there was a selection in the page's text to write a note on. */
  noteOnSelection: boolean;
}
