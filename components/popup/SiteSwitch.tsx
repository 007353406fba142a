import { useId } from 'preact/hooks';
import type { TargetedKeyboardEvent } from 'preact';
import type { SiteState } from '../../popup/types';

export interface SiteSwitchProps {
  /** The target tab's host; null when it has none (browser pages, files) or the browser hides it. */
  readonly host: string | null;
  readonly state: SiteState;
  readonly onToggle: (enabled: boolean) => void;
  /** Why the setting could not be read or saved. */
  readonly error: string | null;
}

/** "Backstory on this site": a checkbox that presents itself as a switch. */
export function SiteSwitch({ host, state, onToggle, error }: SiteSwitchProps) {
  const descriptionId = useId();
  const usable = host !== null && (state === 'on' || state === 'off');
  const checked = state === 'on';

  // Space toggles a checkbox natively; switches are also expected to answer Enter.
  function onKeyDown(event: TargetedKeyboardEvent<HTMLInputElement>) {
    if (event.key === 'Enter' && usable) {
      event.preventDefault();
      onToggle(!checked);
    }
  }

  return (
    <div class="site-switch">
      <label class="switch">
        <input
          type="checkbox"
          role="switch"
          checked={checked}
          disabled={!usable}
          aria-describedby={descriptionId}
          onChange={(e) => onToggle(e.currentTarget.checked)}
          onKeyDown={onKeyDown}
        />
        <span class="switch-label">Backstory on this site</span>
      </label>
      <p id={descriptionId} class="quiet host">
        {host ?? 'Not available for this page.'}
      </p>
      {error !== null && (
        <p class="error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
