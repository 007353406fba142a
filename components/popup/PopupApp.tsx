import { useEffect, useState } from 'preact/hooks';
import { entityHash } from '../../popup/notes-model';
import type { TargetTab } from '../../popup/target-tab';
import type { NotesApi, PageApi, PopupActions, SiteApi, SiteState } from '../../popup/types';
import { NotesPanel } from './NotesPanel';
import { PageEntities } from './PageEntities';
import { SiteSwitch } from './SiteSwitch';

export interface PopupAppProps {
  /** The tab the popup is about; null when the window has no web page. */
  readonly target: TargetTab | null;
  /** That tab's content script; null exactly when `target` is. */
  readonly pageApi: PageApi | null;
  readonly siteApi: SiteApi;
  readonly notesApi: NotesApi;
  readonly actions: PopupActions;
  readonly undoMs?: number;
}

/** The toolbar popup: this page's names, the site switch, the reader's notes. */
export function PopupApp({ target, pageApi, siteApi, notesApi, actions, undoMs }: PopupAppProps) {
  const host = target?.host ?? null;
  const [site, setSite] = useState<SiteState>(host === null ? 'unknown' : 'loading');
  const [siteError, setSiteError] = useState<string | null>(null);
  const [wakeups, setWakeups] = useState(0);
  const [openError, setOpenError] = useState<string | null>(null);
  const [optionsError, setOptionsError] = useState<string | null>(null);

  useEffect(() => {
    if (host === null) return;
    let cancelled = false;
    void siteApi.isEnabled(host).then((result) => {
      if (cancelled) return;
      setSite(result.ok ? (result.value ? 'on' : 'off') : 'unknown');
      setSiteError(result.ok ? null : result.error.message);
    });
    return () => {
      cancelled = true;
    };
  }, [siteApi, host]);

  async function toggle(enabled: boolean) {
    if (host === null) return;
    const before = site;
    // Shown at once; put back if the setting could not be saved.
    setSite(enabled ? 'on' : 'off');
    const result = await siteApi.setEnabled(host, enabled);
    if (!result.ok) {
      setSite(before);
      setSiteError(result.error.message);
      return;
    }
    setSiteError(null);
    if (enabled) setWakeups((n) => n + 1);
  }

  async function openNotesTab() {
    const result = await actions.openNotesTab();
    if (result.ok) {
      setOpenError(null);
      actions.done();
    } else {
      setOpenError(`The notes tab could not be opened: ${result.error.message}`);
    }
  }

  async function openOptions() {
    const result = await actions.openOptions();
    if (result.ok) {
      setOptionsError(null);
      actions.done();
    } else {
      setOptionsError(result.error.message);
    }
  }

  return (
    <main class="popup">
      <header class="popup-header">
        <h1>Backstory</h1>
        <SiteSwitch host={host} state={site} onToggle={(on) => void toggle(on)} error={siteError} />
      </header>
      <PageEntities api={pageApi} site={site} wakeups={wakeups} onRevealed={actions.done} />
      <NotesPanel
        api={notesApi}
        undoMs={undoMs}
        compact
        linkTarget="_blank"
        entityHref={(id) => `notes.html${entityHash(id)}`}
      />
      <footer class="popup-footer">
        <div class="actions">
          <button type="button" onClick={() => void openNotesTab()}>
            Open notes in a tab
          </button>
          <button type="button" onClick={() => void openOptions()}>
            Options
          </button>
        </div>
        {openError !== null && (
          <p class="error" role="alert">
            {openError}
          </p>
        )}
        {optionsError !== null && (
          <p class="error" role="alert">
            {optionsError}
          </p>
        )}
      </footer>
    </main>
  );
}
