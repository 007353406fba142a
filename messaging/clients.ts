/** Typed clients for both protocols: call sites name a request and get its result type back. */
import { browser } from 'wxt/browser';
import type { BackgroundParams, BackgroundRequest, BackgroundResults } from './background-protocol';
import { sendRequest } from './channel';
import type { ContentParams, ContentRequest, ContentResults } from './content-protocol';
import type { Result } from './result';

export function askBackground<K extends BackgroundRequest>(
  type: K,
  params: BackgroundParams<K>,
): Promise<Result<BackgroundResults[K]>> {
  return sendRequest((e) => browser.runtime.sendMessage(e), type, params);
}

export function askTab<K extends ContentRequest>(
  tabId: number,
  type: K,
  params: ContentParams<K>,
): Promise<Result<ContentResults[K]>> {
  return sendRequest((e) => browser.tabs.sendMessage(tabId, e), type, params);
}
