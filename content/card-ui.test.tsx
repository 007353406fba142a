// @vitest-environment happy-dom
import { afterEach, describe, expect, it } from 'vitest';
import { fail } from '../messaging/result';
import { createCardUi, type EntityCardView, type PassageCardView } from './card-ui';
import { captureShadowRoots } from '../test/shadow-roots';

const anchor = {
  getBoundingClientRect: () => new DOMRect(100, 100, 40, 16),
  contextElement: null,
};

const roots = captureShadowRoots();
const title = () => roots.at(-1)!.querySelector('h2')?.textContent;

afterEach(() => {
  document.documentElement.querySelectorAll('backstory-card').forEach((el) => el.remove());
});

const entity = (overrides: Partial<EntityCardView> = {}): EntityCardView => ({
  kind: 'entity',
  key: '1:nato',
  data: null,
  error: null,
  name: 'NATO',
  asOf: null,
  here: 'https://news.example/a',
  onClose: () => undefined,
  onOpenRelated: () => undefined,
  onMute: () => undefined,
  onAddNote: () => Promise.resolve(fail('internal', 'not in this test')),
  ...overrides,
});

const passage: PassageCardView = {
  kind: 'passage',
  key: '2',
  quote: 'met in Vilnius',
  notes: [],
  startEditing: true,
  here: 'https://news.example/a',
  onClose: () => undefined,
  onAddNote: () => Promise.resolve(fail('internal', 'not in this test')),
};

describe('createCardUi', () => {
  it('shows the card a view describes, in a closed shadow root, and updates it in place', () => {
    const ui = createCardUi(document, () => undefined);
    ui.show(entity(), anchor);
    const host = document.querySelector('backstory-card');
    expect(host?.shadowRoot).toBeNull();
    expect(title()).toBe('NATO');
    ui.update(entity({ error: 'The background did not answer' }));
    expect(roots.at(-1)!.textContent).toContain('The background did not answer');
    expect(document.querySelector('backstory-card')).toBe(host);
    ui.hide();
    expect(document.querySelector('backstory-card')).toBeNull();
    ui.dispose();
  });

  it('shows a passage card with its editor open for a fresh selection', () => {
    const ui = createCardUi(document, () => undefined);
    ui.show(passage, anchor);
    expect(title()).toBe('Note on this passage');
    expect(roots.at(-1)!.querySelector('textarea')).not.toBeNull();
    expect(ui.hasUnsavedNote()).toBe(false);
    ui.dispose();
    expect(document.querySelector('backstory-card')).toBeNull();
  });
});
