import { describe, expect, it, vi } from 'vitest';
import { cardCodeLoader, type CardModule } from './card-code';
import * as cardModule from './card-module';

describe('cardCodeLoader', () => {
  it('imports the card code once, however many cards ask at once', async () => {
    const load = vi.fn(() => Promise.resolve<CardModule>(cardModule));
    const loader = cardCodeLoader(load);
    const [a, b] = await Promise.all([loader(), loader()]);
    await loader();
    expect(a).toBe(cardModule);
    expect(b).toBe(cardModule);
    expect(load).toHaveBeenCalledTimes(1);
  });

  it('tries again at the next card after an import failed', async () => {
    const load = vi
      .fn<() => Promise<CardModule>>()
      .mockRejectedValueOnce(new Error('Failed to fetch dynamically imported module'))
      .mockResolvedValueOnce(cardModule);
    const loader = cardCodeLoader(load);
    await expect(loader()).rejects.toThrow('dynamically imported');
    await expect(loader()).resolves.toBe(cardModule);
    expect(load).toHaveBeenCalledTimes(2);
  });
});
