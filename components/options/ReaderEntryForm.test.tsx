// @vitest-environment happy-dom
import { cleanup, render, screen } from '@testing-library/preact';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, test, vi } from 'vitest';
import { fail, ok } from '../../messaging/result';
import type { ReaderEntry } from '../../storage/reader-entries';
import { ReaderEntryForm, type ReaderEntryFormProps } from './ReaderEntryForm';

afterEach(cleanup);

function setup(props: Partial<ReaderEntryFormProps> = {}) {
  const onSubmit = vi.fn(async () => ok(null));
  const onCancel = vi.fn();
  const user = userEvent.setup();
  render(<ReaderEntryForm onSubmit={onSubmit} onCancel={onCancel} {...props} />);
  return { onSubmit: (props.onSubmit as typeof onSubmit | undefined) ?? onSubmit, onCancel, user };
}

const field = (name: string) => screen.getByLabelText(name) as HTMLInputElement;

describe('ReaderEntryForm', () => {
  test('keyboard: fill every field with Tab and save with Enter', async () => {
    const { onSubmit, user } = setup();
    expect(document.activeElement).toBe(field('Name'));
    await user.keyboard('The Quad');
    await user.tab();
    await user.keyboard('Quad{Enter}Quadrilateral Security Dialogue');
    await user.tab();
    await user.selectOptions(field('Kind'), 'Organisation');
    await user.tab();
    await user.keyboard('A security dialogue of four countries.');
    await user.tab();
    await user.keyboard('q2984479{Enter}');
    expect(onSubmit).toHaveBeenCalledWith({
      name: 'The Quad',
      aliases: ['Quad', 'Quadrilateral Security Dialogue'],
      kind: 'organisation',
      summary: 'A security dialogue of four countries.',
      qid: 'Q2984479',
    });
  });

  test('problems are shown by their fields, and focus goes to the first', async () => {
    const { onSubmit, user } = setup();
    await user.type(field('Wikidata QID (optional)'), 'X1');
    await user.click(screen.getByRole('button', { name: 'Add entry' }));
    expect(onSubmit).not.toHaveBeenCalled();
    expect(field('Name').getAttribute('aria-invalid')).toBe('true');
    expect(document.activeElement).toBe(field('Name'));
    expect(screen.getByRole('alert').textContent).toBe('One field needs fixing before saving.');
    await user.type(field('Name'), 'Someone{Enter}');
    expect(screen.getByText('The Wikidata QID is a Q followed by digits, such as Q7184.')).toBeTruthy();
    expect(document.activeElement).toBe(field('Wikidata QID (optional)'));
  });

  test('editing starts from the entry; a failed save keeps the form with the reason', async () => {
    const entry: ReaderEntry = {
      id: 'reader-x',
      name: 'X',
      aliases: ['Ex'],
      kind: 'person',
      summary: 'About X.',
      qid: null,
      createdAt: 1,
      updatedAt: 1,
    };
    const onSubmit = vi.fn(async () => fail('storage', 'Storage is full.'));
    const { user } = setup({ entry, onSubmit });
    expect(field('Name').value).toBe('X');
    expect((field('Other names') as unknown as HTMLTextAreaElement).value).toBe('Ex');
    expect((field('Kind') as unknown as HTMLSelectElement).value).toBe('person');
    await user.click(screen.getByRole('button', { name: 'Save changes' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not saved: Storage is full.');
    expect(field('Name').value).toBe('X');
  });

  test('Escape cancels', async () => {
    const { onCancel, user } = setup();
    await user.keyboard('abc{Escape}');
    expect(onCancel).toHaveBeenCalled();
  });
});
