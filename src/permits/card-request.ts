// 门禁卡 办卡/补卡/退卡: an owner's request becomes a desk ticket (kind REQUEST, category 门禁卡) through the
// complaint service's create(); its time limits are the category's own (BUILT_IN_LIMITS in sla/sla-limits.ts:
// our defaults, overridable per estate), and staff work it with the usual 认领 / 办结 commands.
import type { ComplaintService, CreatedTicket } from '../complaints/complaint.service.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t } from '../i18n/index.js';

export const CARD_KINDS = ['new', 'replace', 'return'] as const;
export type CardKind = (typeof CARD_KINDS)[number];
export const CARD_CATEGORY = '门禁卡';

export function isCardKind(s: string | null | undefined): s is CardKind {
  return (CARD_KINDS as readonly string[]).includes(s ?? '');
}

/** "1" / "补卡" / "丢了" → the kind, or null. */
export function pickCardKind(text: string): CardKind | null {
  const s = text.trim();
  if (/^(1|办卡|新办|办新卡)/.test(s)) return 'new';
  if (/^2$|补|丢|遗失|坏|损/.test(s)) return 'replace';
  if (/^3$|退/.test(s)) return 'return';
  return null;
}

export function fileCardRequest(
  complaints: ComplaintService,
  r: { estate: EstateInfo; personId: string; unitId: string; unitLabel: string; kind: CardKind; note: string | null },
): Promise<CreatedTicket> {
  const label = t('zh-CN', `card.kind.${r.kind}`);
  return complaints.create({
    estate: r.estate,
    personId: r.personId,
    unitId: r.unitId,
    category: CARD_CATEGORY,
    description: r.note ? `${label}：${r.note}` : label,
    location: r.unitLabel,
    urgent: false,
    attachments: [],
    kind: 'REQUEST',
  });
}
