import { useId, useLayoutEffect, useRef, useState } from 'preact/hooks';
import type { TargetedSubmitEvent } from 'preact';
import type { Settings, SiteMode } from '../../storage/settings';

export interface SiteOptionsProps {
  readonly settings: Settings;
  readonly onChange: (change: Partial<Settings>) => void;
}

/** The host name the reader means: typed as a host, or pasted as an address. Null when it is neither. */
export function hostFromInput(text: string): string | null {
  const trimmed = text.trim().toLowerCase();
  if (trimmed === '') return null;
  let host = trimmed;
  try {
    host = new URL(/^[a-z][a-z0-9+.-]*:\/\//.test(trimmed) ? trimmed : `https://${trimmed}`).hostname;
  } catch {
    return null;
  }
  if (!/^[a-z0-9-]+(\.[a-z0-9-]+)*$/.test(host) || host.length > 253) return null;
  return host;
}

const MODES: readonly { mode: SiteMode; label: string }[] = [
  { mode: 'off-on-listed', label: 'On every site except those listed' },
  { mode: 'on-only-listed', label: 'Only on the sites listed' },
];

/** Where Backstory runs: everywhere but the listed sites, or only there; the list itself. */
export function SiteOptions({ settings, onChange }: SiteOptionsProps) {
  const headingId = useId();
  const listId = useId();
  const errorId = useId();
  const [draft, setDraft] = useState('');
  const [error, setError] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const list = useRef<HTMLUListElement>(null);

  function add(event: TargetedSubmitEvent<HTMLFormElement>) {
    event.preventDefault();
    const host = hostFromInput(draft);
    if (host === null) {
      setError('That is not a site’s address. Type a host name such as www.example.com.');
      return;
    }
    setError(null);
    setDraft('');
    if (!settings.sites.includes(host)) onChange({ sites: [...settings.sites, host] });
  }

  // The button goes away with its site; once the list has changed, focus moves to a neighbour.
  const focusAt = useRef<number | null>(null);
  useLayoutEffect(() => {
    if (focusAt.current === null) return;
    const buttons = list.current?.querySelectorAll('button');
    const next = buttons?.[Math.min(focusAt.current, buttons.length - 1)];
    focusAt.current = null;
    (next ?? input.current)?.focus();
  }, [settings.sites]);

  function remove(host: string, index: number) {
    focusAt.current = index;
    onChange({ sites: settings.sites.filter((s) => s !== host) });
  }

  const heading =
    settings.siteMode === 'off-on-listed' ? 'Sites where Backstory is off' : 'Sites where Backstory runs';

  return (
    <section class="options-section" aria-labelledby={headingId}>
      <h2 id={headingId}>Sites</h2>
      <fieldset>
        <legend>Backstory runs</legend>
        {MODES.map(({ mode, label }) => (
          <label key={mode} class="choice">
            <input
              type="radio"
              name="site-mode"
              value={mode}
              checked={settings.siteMode === mode}
              onChange={() => onChange({ siteMode: mode })}
            />
            <span>{label}</span>
          </label>
        ))}
      </fieldset>
      <h3 id={listId}>{heading}</h3>
      {settings.sites.length === 0 ? (
        <p class="quiet">
          {settings.siteMode === 'off-on-listed'
            ? 'None: Backstory runs everywhere.'
            : 'None yet: Backstory runs nowhere until you add a site.'}
        </p>
      ) : (
        <ul class="plain-list" aria-labelledby={listId} ref={list}>
          {settings.sites.map((host, i) => (
            <li key={host}>
              <span>{host}</span>
              <button type="button" aria-label={`Remove ${host}`} onClick={() => remove(host, i)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
      <form class="inline-form" onSubmit={add}>
        <label>
          <span>Add a site</span>
          <input
            ref={input}
            type="text"
            inputMode="url"
            placeholder="www.example.com"
            value={draft}
            aria-invalid={error !== null}
            aria-describedby={error !== null ? errorId : undefined}
            onInput={(e) => setDraft(e.currentTarget.value)}
          />
        </label>
        <button type="submit">Add</button>
      </form>
      {error !== null && (
        <p id={errorId} class="error" role="alert">
          {error}
        </p>
      )}
      <p class="quiet hint">
        A site is its host name as the address bar shows it; the popup’s switch adds and removes the site you
        are on.
      </p>
    </section>
  );
}
