/**
 * The card's code, loaded when a card is first needed (`card-code.ts`): built on its own as the ES
 * module `content-scripts/card.js` (modules/card-chunk.ts). Importing it does nothing by itself;
 * the content script calls what it exports.
 */
export { createCardUi } from './card-ui';
export { findPassages, quoteOfRange } from './page-quotes';
export { publicationDate } from './page-date';
