// 未送达: the Official Account notices that reached nobody — held outside the owner's 48-hour window with no
// template (they go out after the owner's next message), and dead letters of the last 7 days (unfollowed, refused) —
// for the caller's estate, so the desk can phone the owner. Phones are masked by the router like every command reply.
import type { ServiceWindowRepository, UndeliveredRow } from '../db/repositories.js';
import { translator, type MessageKey } from '../i18n/index.js';
import { unitLabel } from '../identity/sender.js';
import { formatLocal } from '../shared/zoned-time.js';
import { ALL_STAFF, staffOf, type Command } from './command.js';

const LIST_LIMIT = 30;
const DEAD_DAYS = 7;
const TEXT_PREVIEW = 40;

/** `channel`: the windowed channel whose notices are listed (wechat-oa). */
export function undeliveredCommands(deps: { serviceWindow: ServiceWindowRepository; channel: string }): Command[] {
  return [
    {
      name: '未送达',
      aliases: ['undelivered'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.undelivered',
      usageKey: 'command.usage.undelivered',
      run: async (ctx) => {
        const staff = staffOf(ctx);
        const tr = translator(ctx.sender.locale);
        const rows = await deps.serviceWindow.undelivered({
          channel: deps.channel,
          estateId: staff.estateId,
          since: new Date(ctx.now.getTime() - DEAD_DAYS * 86_400_000),
          limit: LIST_LIMIT,
        });
        if (rows.length === 0) return tr('undelivered.none');
        const tz = ctx.sender.estate.timezone;
        const lines = rows.map((r) => line(r, tr, tz));
        return [tr('undelivered.head', { count: rows.length }), ...lines, tr('undelivered.foot')].join('\n');
      },
    },
  ];
}

function line(r: UndeliveredRow, tr: ReturnType<typeof translator>, tz: string): string {
  const owner = r.owner
    ? [r.owner.name, ...r.owner.units.map((u) => unitLabel(u.building, u.entrance, u.room)), r.owner.phone ?? '']
        .filter(Boolean)
        .join(' ')
    : tr('undelivered.unknownOwner');
  const kindKey = `undelivered.kind.${r.kind}` as MessageKey;
  const kind = ['reminder', 'notice', 'survey', 'urgent'].includes(r.kind) ? tr(kindKey) : tr('undelivered.kind.other');
  const firstLine = r.text.split('\n')[0] ?? '';
  const chars = [...firstLine];
  return tr('undelivered.line', {
    owner,
    kind,
    at: formatLocal(r.createdAt, tz),
    status: tr(r.status === 'HELD' ? 'undelivered.held' : 'undelivered.dead'),
    reason: r.reason,
    text: chars.length > TEXT_PREVIEW ? `${chars.slice(0, TEXT_PREVIEW).join('')}…` : firstLine,
  });
}
