import { browser } from 'wxt/browser';
import { isErrorResponse, type Request, type RequestOf, type ResponseMap } from './protocol';

/** Sends one protocol request to the background worker and returns its typed answer; errors become exceptions. */
export async function sendRequest<T extends Request['type']>(request: RequestOf<T>): Promise<ResponseMap[T]> {
  const answer: unknown = await browser.runtime.sendMessage(request);
  if (isErrorResponse(answer)) throw new Error(answer.error);
  if (answer === undefined) throw new Error(`No answer to ${request.type}`);
  return answer as ResponseMap[T];
}

/** After a page wrote to the database itself: the worker recounts the toolbar badge. */
export function notifyDataChanged(): void {
  browser.runtime.sendMessage({ type: 'page/data-changed' }).catch(() => undefined);
}
