// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { FakeOptionsApi } from '../../popup/options-fakes';
import { ReaderEntriesTransfer } from './ReaderEntriesTransfer';

afterEach(cleanup);

const quad = { name: 'The Quad', aliases: [], kind: 'organisation' as const, summary: '', qid: null };

async function exportedText(api: FakeOptionsApi) {
  const file = await api.exportReaderEntries();
  if (!file.ok) throw new Error(file.error.message);
  return file.value.text;
}

describe('ReaderEntriesTransfer', () => {
  test('Export downloads the file of the reader’s entries', async () => {
    const api = new FakeOptionsApi();
    await api.saveReaderEntry(quad, null);
    const download = vi.fn();
    const user = userEvent.setup();
    render(<ReaderEntriesTransfer api={api} download={download} />);
    screen.getByRole('button', { name: 'Export your entries' }).focus();
    await user.keyboard('{Enter}');
    expect(download).toHaveBeenCalledWith(
      expect.stringMatching(/^backstory-my-entries-\d{4}-\d\d-\d\d\.json$/),
      'application/json',
      expect.stringContaining('"reader-the-quad"'),
    );
  });

  test('import: previewed, nothing written until Import, then applied', async () => {
    const source = new FakeOptionsApi();
    await source.saveReaderEntry(quad, null);
    const text = await exportedText(source);
    const api = new FakeOptionsApi();
    const user = userEvent.setup();
    render(<ReaderEntriesTransfer api={api} download={() => {}} />);
    await user.upload(screen.getByLabelText('Import entries from a file'), new File([text], 'mine.json'));
    expect((await screen.findByText(/1 item/)).closest('p')?.textContent).toBe('mine.json: 1 item: 1 new.');
    expect(api.local.data.readerGlossary).toBeUndefined();
    await user.click(screen.getByRole('button', { name: 'Import' }));
    const done = await screen.findByText('Imported mine.json: 1 item: 1 added.');
    expect(document.activeElement).toBe(done);
    expect((await api.readReaderGlossary()).ok).toBe(true);
    const read = await api.readReaderGlossary();
    expect(read.ok && read.value.entries.map((e) => e.name)).toEqual(['The Quad']);
  });

  test('a notes export is refused with a clear message', async () => {
    const api = new FakeOptionsApi();
    const user = userEvent.setup();
    render(<ReaderEntriesTransfer api={api} download={() => {}} />);
    await user.upload(
      screen.getByLabelText('Import entries from a file'),
      new File(['{"format":"backstory-notes","version":1,"exportedAt":"x","notes":[]}'], 'notes.json'),
    );
    expect((await screen.findByRole('alert')).textContent).toMatch(
      /^notes.json can’t be imported: This is not an export of your own entries/,
    );
  });
});
