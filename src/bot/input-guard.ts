// Bad input gets a clear answer and loses nothing: the guard names the problem, the prompt asks again.
import type { Activity } from 'botbuilder';
import type { MessageKey, Params } from '../i18n/index.js';

export const MAX_TEXT = 500;
/**
 * No private message longer than this reaches commands or dialogs (the Bot Framework endpoint's own limit; Telegram's
 * is 4,096): a backstop for whatever a 100 KB WeChat or console paste would cost. Prompts refuse far shorter texts.
 */
export const MAX_INBOUND_TEXT = 20_000;

export type InputProblem = { key: MessageKey; params?: Params } | null;

// Letters, digits or CJK: a message made only of emoji, punctuation or spaces carries nothing we can act on.
const MEANINGFUL = /[\p{L}\p{N}]/u;

export function checkText(activity: Partial<Activity>, max = MAX_TEXT): InputProblem {
  const text = (activity.text ?? '').trim();
  if (!text) {
    const att = activity.attachments?.[0];
    if (att) return { key: 'input.unsupported', params: { type: att.contentType ?? 'file' } };
    return { key: 'input.empty' };
  }
  if ([...text].length > max) return { key: 'input.tooLong', params: { length: [...text].length, max } };
  if (!MEANINGFUL.test(text)) return { key: 'input.noText' };
  return null;
}

/**
 * The text with lone UTF-16 surrogates replaced by U+FFFD and NUL characters removed: Prisma's query protocol
 * rejects lone surrogates and PostgreSQL rejects NUL in text columns, so either would fail the turn.
 */
export function wellFormedText(text: string): string {
  return text
    .replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd')
    .replace(/\u0000/g, '');
}

// "张三 10:23", "[2026-11-28 10:05] 李四：", "10:23:45": the header lines a chat history pasted into a chat has.
const CHAT_HEADER =
  /^\s*(\[?\d{4}[-/.]\d{1,2}[-/.]\d{1,2}[ T]\d{1,2}:\d{2}(:\d{2})?\]?|\[?\d{1,2}:\d{2}(:\d{2})?\]?|.{1,16}\s+\d{1,2}:\d{2}(:\d{2})?)\s*.{0,16}[:：]?\s*$|^\s*.{1,12}[:：]\s*\S/u;

/** A pasted chat history (several lines, most of them "who/when:" headers): not one request from the owner. */
export function looksLikeChatHistory(text: string): boolean {
  const lines = text.split(/\r?\n/).filter((l) => l.trim());
  if (lines.length < 3) return false;
  const headers = lines.filter((l) => CHAT_HEADER.test(l)).length;
  return headers >= 2 && headers * 3 >= lines.length;
}
