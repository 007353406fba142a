declare module 'virtual:glossary-index' {
  /** Unpacks the index (each call anew: the caller keeps it). */
  const loadIndex: () => import('./compile').GlossaryIndex;
  export default loadIndex;
}
declare module 'virtual:glossary-details' {
  const entries: readonly import('./schema').Entry[];
  export default entries;
}
