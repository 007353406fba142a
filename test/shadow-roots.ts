/**
 * The shadow roots attached from now on, in order, for DOM tests of the card: its root is closed, so a
 * test keeps its own handle by watching `attachShadow`. Call once per test file.
 */
export function captureShadowRoots(): readonly ShadowRoot[] {
  const roots: ShadowRoot[] = [];
  const attach = Element.prototype.attachShadow;
  Element.prototype.attachShadow = function (init: ShadowRootInit) {
    const root = attach.call(this, init);
    roots.push(root);
    return root;
  };
  return roots;
}
