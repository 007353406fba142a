/** Where the build writes the card's code (modules/card-chunk.ts), from the extension's root. */
export const CARD_MODULE_FILE = 'content-scripts/card.js';
