import { beforeEach, describe, expect, it, vi } from 'vitest';

type Listener = (...args: unknown[]) => void;
const listeners: Record<string, Listener[]> = {};
const on = (name: string) => ({
  addListener: (fn: Listener) => {
    (listeners[name] ??= []).push(fn);
  },
});
const fake = {
  runtime: { id: 'backstory-id', onInstalled: on('installed'), onStartup: on('startup') },
  contextMenus: {
    removeAll: vi.fn(async () => {}),
    create: vi.fn(),
    onClicked: on('clicked'),
  },
  tabs: { sendMessage: vi.fn(async () => ({ ok: true, value: true })) },
};
vi.mock('wxt/browser', () => ({ browser: fake }));

const { NOTE_MENU_ID, setUpContextMenu } = await import('./context-menu');

const fire = (name: string, ...args: unknown[]) => {
  for (const fn of listeners[name] ?? []) fn(...args);
};
const settle = () => new Promise((done) => setTimeout(done, 0));

beforeEach(() => {
  for (const key of Object.keys(listeners)) delete listeners[key];
  vi.clearAllMocks();
  setUpContextMenu();
});

describe('the "Add note to selection" menu item', () => {
  it('is created for selections on install and on browser start, replacing any left over', async () => {
    fire('installed');
    await settle();
    fire('startup');
    await settle();
    expect(fake.contextMenus.removeAll).toHaveBeenCalledTimes(2);
    expect(fake.contextMenus.create).toHaveBeenCalledTimes(2);
    expect(fake.contextMenus.create).toHaveBeenCalledWith({
      id: NOTE_MENU_ID,
      title: 'Add note to selection',
      contexts: ['selection'],
    });
  });

  it("asks the clicked tab's content script to open a note card, and ignores other items", async () => {
    fire('clicked', { menuItemId: 'something-else' }, { id: 7 });
    fire('clicked', { menuItemId: NOTE_MENU_ID }, undefined);
    expect(fake.tabs.sendMessage).not.toHaveBeenCalled();
    fire('clicked', { menuItemId: NOTE_MENU_ID }, { id: 7 });
    await settle();
    expect(fake.tabs.sendMessage).toHaveBeenCalledWith(7, {
      channel: 'backstory',
      type: 'noteOnSelection',
      params: {},
    });
  });
});
