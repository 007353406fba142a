import { describe, expect, it } from 'vitest';
import { requestPersistence, storageFigures } from './persist';

describe('requestPersistence', () => {
  it('does not ask again when storage is already persisted', async () => {
    let asked = false;
    const outcome = await requestPersistence({
      persisted: async () => true,
      persist: async () => (asked = true),
    });
    expect(outcome).toBe('persisted');
    expect(asked).toBe(false);
  });

  it('asks, and reports what the browser decided', async () => {
    expect(await requestPersistence({ persisted: async () => false, persist: async () => true })).toBe(
      'persisted',
    );
    expect(await requestPersistence({ persisted: async () => false, persist: async () => false })).toBe(
      'not-persisted',
    );
  });

  it('copes with a service worker (no persist) and with no storage manager at all', async () => {
    expect(await requestPersistence({ persisted: async () => false })).toBe('not-persisted');
    expect(await requestPersistence({})).toBe('unsupported');
    expect(await requestPersistence(undefined)).toBe('unsupported');
  });

  it('never throws', async () => {
    expect(
      await requestPersistence({
        persisted: async () => {
          throw new Error('no');
        },
      }),
    ).toBe('failed');
  });
});

describe('storageFigures', () => {
  it('reports what the browser says and null for the rest', async () => {
    expect(
      await storageFigures({ persisted: async () => true, estimate: async () => ({ usage: 5, quota: 50 }) }),
    ).toEqual({ persisted: true, usage: 5, quota: 50 });
    expect(
      await storageFigures({
        estimate: async () => {
          throw new Error('no');
        },
      }),
    ).toEqual({ persisted: null, usage: null, quota: null });
  });
});
