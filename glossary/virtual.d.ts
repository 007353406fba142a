declare module 'virtual:glossary-index' {
  const index: import('./compile').GlossaryIndex;
  export default index;
}
declare module 'virtual:glossary-details' {
  const entries: readonly import('./schema').Entry[];
  export default entries;
}
