// Owner questions answered by keyword before the recogniser (#20): the recent notices (公告 / "最近有什么通知") and
// the estate's FAQ (收费标准, 装修时间规定, 办证材料 — Estate.settings.faq over our defaults). They are not intents
// of the model (no corpus, no retraining): exact phrases and the estate's own patterns, tried after the exact command
// words and before the recogniser, so "装修时间有什么规定" is answered rather than read as a renovation request.
import type { Dialog } from 'botbuilder-dialogs';
import type { MessageKey, Translate } from '../src/i18n/index.js';
import { matchFaq } from '../src/notices/notice-settings.js';
import type { DialogDeps } from './dialog-deps.js';
import { NOTICES_DIALOG, NoticesDialog } from './notice.dialog.js';

/** What owners say to see the notices (whole message, trailing punctuation ignored). */
const NOTICES_ASKED =
  /^(公告|通知|小区公告|小区通知|物业公告|物业通知|最近公告|最近的公告|最近通知|最近的通知|看公告|查看公告|(最近)?有(没有)?(什么|啥)?(新)?(通知|公告)(吗|么|没有)?|最近有(什么|啥)(新)?(通知|公告)|notices?|announcements?)$/iu;

const bare = (text: string) =>
  text
    .normalize('NFKC')
    .trim()
    .replace(/[。！!.，,？?~～\s]+$/u, '');

export function asksForNotices(text: string): boolean {
  return NOTICES_ASKED.test(bare(text));
}

/** The dialogs these routes start (registered in the main dialog). */
export function keywordDialogs(deps: DialogDeps): Dialog[] {
  return [new NoticesDialog(deps)];
}

export { NOTICES_DIALOG };

/** The estate's answer to a FAQ question, or null when the message asks none. */
export function faqAnswer(
  tr: Translate,
  estate: { deskPhone: string; settings: unknown },
  text: string,
): string | null {
  const hit = matchFaq(estate.settings as Record<string, unknown>, bare(text));
  if (!hit) return null;
  if ('own' in hit) return hit.own.answer.replaceAll('{deskPhone}', estate.deskPhone);
  return tr(`notice.faq.${hit.defaultId}.answer` as MessageKey, { deskPhone: estate.deskPhone });
}
