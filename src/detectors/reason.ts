/**
 * A detector's reason: the catalogue message (model/messages) and the English detail rendered from it, so a
 * signal explains itself in any language and still reads plainly in logs and older stores.
 */
import { message, renderMessage, type Message, type MessageId, type MessageParams } from '../model/messages/index.js';

export { list } from '../model/messages/index.js';

/** The `message` and `detail` fields of a signal, from one catalogue id and its parameters. */
export function reason(id: MessageId, params: MessageParams = {}): { readonly message: Message; readonly detail: string } {
  const m = message(id, params);
  return { message: m, detail: renderMessage(m, 'en') };
}
