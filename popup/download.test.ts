// @vitest-environment happy-dom
import { afterEach, expect, test, vi } from 'vitest';
import { downloadText, readPickedFile } from './download';

afterEach(() => vi.restoreAllMocks());

test('downloadText clicks a hidden link to a blob with the file name, then removes it', async () => {
  const created: Blob[] = [];
  vi.spyOn(URL, 'createObjectURL').mockImplementation((blob) => {
    created.push(blob as Blob);
    return 'blob:fake';
  });
  vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => {});
  const clicks: { href: string; download: string }[] = [];
  vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
    clicks.push({ href: this.href, download: this.download });
  });
  downloadText('notes.json', 'application/json', '{"a":1}\n');
  expect(clicks).toEqual([{ href: 'blob:fake', download: 'notes.json' }]);
  expect(await created[0]!.text()).toBe('{"a":1}\n');
  expect(created[0]!.type).toBe('application/json');
  expect(document.querySelector('a')).toBeNull();
});

test('readPickedFile reads text and refuses files that are too large', async () => {
  expect(await readPickedFile(new File(['hello'], 'a.json'), 10)).toBe('hello');
  await expect(readPickedFile(new File(['x'.repeat(20)], 'a.json'), 10)).rejects.toThrow(
    /larger than any export/,
  );
});
