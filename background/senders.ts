/**
 * Who may ask the background what. Decided from what the browser says about the sender, never from
 * the message: another extension, a web page or one of our content scripts asking for an
 * extension-page request is refused.
 */
import type { Runtime } from 'webextension-polyfill';
import { CONTENT_SCRIPT_REQUESTS, type BackgroundRequest } from '../messaging/background-protocol';
import { isSafePageUrl } from '../storage/note-model';

export type SenderKind = 'extension-page' | 'content-script';

export function classifySender(
  sender: Runtime.MessageSender,
  ownId: string,
  ownOrigin: string,
): SenderKind | null {
  if (sender.id !== ownId) return null;
  const url = sender.url ?? '';
  if (url.startsWith(ownOrigin)) return 'extension-page';
  if (sender.tab !== undefined && url !== '') return 'content-script';
  return null;
}

export function createSenderPolicy(ownId: string, ownOrigin: string) {
  return (type: BackgroundRequest, sender: Runtime.MessageSender): string | null => {
    const kind = classifySender(sender, ownId, ownOrigin);
    if (kind === null) return 'messages are accepted only from Backstory itself';
    if (kind === 'content-script' && !CONTENT_SCRIPT_REQUESTS.has(type)) {
      return `"${type}" is not available to pages`;
    }
    return null;
  };
}

/**
 * The page a content script runs in, as the browser reports it; '' for the extension's own pages,
 * whose notes belong to no page.
 */
export function senderPage(sender: Runtime.MessageSender): string {
  const url = sender.url ?? sender.tab?.url ?? '';
  return isSafePageUrl(url) ? url : '';
}
