import { browser } from 'wxt/browser';
import { type Broadcast, isErrorResponse, type Request, type RequestOf, type ResponseMap } from './protocol';

/** Sends one protocol request to the background worker and returns its typed answer; errors become exceptions. */
export async function sendRequest<T extends Request['type']>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  const answer: unknown = await browser.runtime.sendMessage(request);
  if (isErrorResponse(answer)) throw new Error(answer.error);
  if (answer === undefined) throw new Error(`No answer to ${request.type}`);
  return answer as ResponseMap[T];
}

/**
 * After a page wrote to the database itself: the worker recounts the toolbar badge when a due date may
 * have moved, and tells every open panel, popup and dashboard which contacts changed (no `keys`: any).
 */
export function notifyDataChanged(change: { keys?: string[]; dueChanged?: boolean } = {}): void {
  const request: Request = { type: 'page/data-changed', ...change };
  browser.runtime.sendMessage(request).catch(() => undefined);
}

/** The keys a `bg/contact-changed` broadcast names (null: any contact may have changed); undefined for other messages. */
export function changedKeys(message: unknown): string[] | null | undefined {
  const broadcast = message as Broadcast | null | undefined;
  return broadcast?.type === 'bg/contact-changed' ? broadcast.keys : undefined;
}

/** Whether a message says that the contact under `key` (or any contact) changed. */
export function contactChanged(message: unknown, key: string | null): boolean {
  const keys = changedKeys(message);
  return keys === null || (keys !== undefined && key !== null && keys.includes(key));
}
