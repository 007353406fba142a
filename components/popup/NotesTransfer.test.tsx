// @vitest-environment happy-dom
import { cleanup, render, screen, waitFor } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { emptyPreview, FakeTransferApi } from '../../popup/test-fakes';
import { NotesTransfer } from './NotesTransfer';

afterEach(cleanup);

function setup(api = new FakeTransferApi()) {
  const onImported = vi.fn();
  const download = vi.fn();
  const user = userEvent.setup();
  render(<NotesTransfer api={api} onImported={onImported} download={download} />);
  return { api, onImported, download, user };
}

const fileInput = () => screen.getByLabelText('Import a JSON export') as HTMLInputElement;
const file = (text = '{"format":"backstory-notes"}') =>
  new File([text], 'notes.json', { type: 'application/json' });

describe('NotesTransfer', () => {
  test('each export downloads the file the background wrote', async () => {
    const { api, download, user } = setup();
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect(download).toHaveBeenLastCalledWith('backstory-notes-2026-11-27.json', 'text/plain', 'json file');
    await user.click(screen.getByRole('button', { name: 'Export Markdown' }));
    await user.click(screen.getByRole('button', { name: 'Export Web Annotations' }));
    expect(api.exported).toEqual(['json', 'markdown', 'jsonld']);
    expect(download).toHaveBeenLastCalledWith(
      'backstory-notes-2026-11-27.jsonld',
      'text/plain',
      'jsonld file',
    );
    expect(screen.getByText('Saved backstory-notes-2026-11-27.jsonld to your downloads.')).toBeTruthy();
  });

  test('a failed export says why', async () => {
    const api = new FakeTransferApi();
    api.exportFailure = 'Database closed.';
    const { user, download } = setup(api);
    await user.click(screen.getByRole('button', { name: 'Export JSON' }));
    expect((await screen.findByRole('alert')).textContent).toBe('The export failed: Database closed.');
    expect(download).not.toHaveBeenCalled();
  });

  test('a picked file is previewed with its problems; nothing changes until Import', async () => {
    const api = new FakeTransferApi();
    api.preview = emptyPreview({
      total: 212,
      toAdd: 208,
      alreadyPresent: 3,
      invalid: 1,
      problems: [
        {
          line: 40,
          column: 5,
          index: 39,
          noteId: null,
          path: 'entryId',
          message: 'missing entity (entryId)',
        },
      ],
      unknownEntries: ['old-entry'],
    });
    const { user, onImported } = setup(api);
    await user.upload(fileInput(), file('{"x":1}'));
    expect((await screen.findByText(/212 notes/)).closest('p')?.textContent).toBe(
      'notes.json: 212 notes: 208 new, 3 already present, 1 invalid (line 40: missing entity (entryId)).',
    );
    expect(screen.getByRole('listitem').textContent).toBe('line 40: missing entity (entryId)');
    expect(screen.getByText(/old-entry/)).toBeTruthy();
    expect(api.previewed).toEqual(['{"x":1}']);
    expect(api.applied).toEqual([]);
    expect(onImported).not.toHaveBeenCalled();

    await user.click(screen.getByRole('button', { name: 'Import' }));
    const done = await screen.findByText(/^Imported notes.json/);
    expect(done.textContent).toBe(
      'Imported notes.json: 212 notes: 208 added, 3 already present, 1 invalid (line 40: missing entity (entryId)).',
    );
    expect(api.applied).toEqual(['{"x":1}']);
    expect(onImported).toHaveBeenCalledTimes(1);
    expect(document.activeElement).toBe(done);
  });

  test('keyboard: Cancel leaves everything as it was and returns to the file picker', async () => {
    const { api, user, onImported } = setup();
    await user.upload(fileInput(), file());
    await screen.findByRole('button', { name: 'Import' });
    fileInput().focus();
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Import' }));
    await user.tab();
    expect(document.activeElement).toBe(screen.getByRole('button', { name: 'Cancel' }));
    await user.keyboard('{Enter}');
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
    expect(document.activeElement).toBe(fileInput());
    expect(api.applied).toEqual([]);
    expect(onImported).not.toHaveBeenCalled();
  });

  test('a file that would change nothing offers no Import', async () => {
    const api = new FakeTransferApi();
    api.preview = emptyPreview({ total: 3, alreadyPresent: 3 });
    const { user } = setup(api);
    await user.upload(fileInput(), file());
    expect(await screen.findByText('Importing this file would change nothing.')).toBeTruthy();
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  test('a refused file gets a clear message and no preview', async () => {
    const api = new FakeTransferApi();
    api.refuse =
      'This is not JSON: the file ends in the middle of its data (line 3, column 1). Nothing was imported.';
    const { user } = setup(api);
    await user.upload(fileInput(), file('{"notes": ['));
    expect((await screen.findByRole('alert')).textContent).toBe(
      'notes.json can’t be imported: This is not JSON: the file ends in the middle of its data (line 3, column 1). Nothing was imported.',
    );
    expect(screen.queryByRole('button', { name: 'Import' })).toBeNull();
  });

  test('an import that fails when applied keeps the preview and says nothing was imported', async () => {
    const api = new FakeTransferApi();
    const { user, onImported } = setup(api);
    await user.upload(fileInput(), file());
    await screen.findByRole('button', { name: 'Import' });
    api.refuse = 'The disk is full.';
    await user.click(screen.getByRole('button', { name: 'Import' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Nothing was imported: The disk is full.');
    await waitFor(() => expect(screen.getByRole('button', { name: 'Import' })).toBeTruthy());
    expect(onImported).not.toHaveBeenCalled();
  });
});
