import { render } from 'preact';
import { PopupApp } from '../../components/popup/PopupApp';
import {
  createNotesApi,
  createPageApi,
  createPopupActions,
  createSiteApi,
  findTargetTab,
  isOpenInTab,
} from '../../popup/api';
import './style.css';

async function start(root: HTMLElement) {
  const [target, inTab] = await Promise.all([findTargetTab().catch(() => null), isOpenInTab()]);
  render(
    <PopupApp
      target={target}
      pageApi={target ? createPageApi(target.tabId) : null}
      siteApi={createSiteApi()}
      notesApi={createNotesApi()}
      // Closing makes sense only for the toolbar popup; opened as a tab it would close the tab.
      actions={createPopupActions(!inTab)}
    />,
    root,
  );
}

const root = document.getElementById('app');
if (root) void start(root);
