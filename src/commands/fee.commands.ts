// Supervisor views of fee collection: 收缴率 (实收/应收 by building and month) and the largest arrears, for the staff
// member's own estate only. Owners' phones are masked.
import { AppError, userMessage } from '../shared/app-error.js';
import { normalizeBuilding } from '../db/fee.repo.js';
import type { FeeFiguresRepository } from '../db/repositories.js';
import { parsePeriod } from '../fees/bill-import.parser.js';
import { collectionRate, formatPercent, formatYuan } from '../fees/fee.rules.js';
import { ownerLine } from '../fees/fee.service.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { localDateKey } from '../shared/zoned-time.js';
import { ownEstate, type Command, type CommandContext } from './command.js';

export interface FeeCommandDeps {
  feeFigures: FeeFiguresRepository;
}

const LIST_SIZE = 20;

interface Args {
  building: { id: string; name: string } | null;
  period: string | null;
  /** Every building of the estate, in name order (loaded once for matching and the per-building lines). */
  buildings: { id: string; name: string }[];
}

/** The command's arguments: a building and (when `allowPeriod`) a month; anything else is refused with its usage. */
async function parseArgs(
  feeFigures: FeeFiguresRepository,
  estateId: string,
  ctx: CommandContext,
  usageKey: MessageKey,
  allowPeriod: boolean,
): Promise<Args> {
  const buildings = await feeFigures.buildingsOf(estateId);
  const out: Args = { building: null, period: null, buildings };
  for (const word of ctx.args.split(/\s+/).filter(Boolean)) {
    const period = allowPeriod ? parsePeriod(word) : null;
    if (period) {
      out.period = period;
      continue;
    }
    const b = buildings.find((x) => normalizeBuilding(x.name) === normalizeBuilding(word));
    if (!b)
      throw new AppError(
        'BAD_INPUT',
        `unknown fee command arg ${word}`,
        userMessage('fees.cmd.noBuilding', { building: word, usage: t(ctx.sender.locale, usageKey) }),
      );
    out.building = b;
  }
  return out;
}

const staffEstate = (ctx: CommandContext): string => ownEstate(ctx).id;

const estateTimezone = (ctx: CommandContext, estateId: string) =>
  ctx.sender.estate.id === estateId ? ctx.sender.estate.timezone : 'Asia/Shanghai';

const rateLine = (locale: Locale, label: string, due: number, outstanding: number) =>
  t(locale, 'fees.cmd.rateLine', {
    label,
    due: formatYuan(due),
    paid: formatYuan(due - outstanding),
    rate: formatPercent(collectionRate(due, due - outstanding)),
  });
const buildingName = (locale: Locale, name: string) => t(locale, 'fees.cmd.building', { name });

export function feeCommands(deps: FeeCommandDeps): Command[] {
  return [
    {
      name: '收缴率',
      aliases: ['collection'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.collection',
      usageKey: 'command.usage.collection',
      run: async (ctx) => {
        const estateId = staffEstate(ctx);
        const locale = ctx.sender.locale;
        const a = await parseArgs(deps.feeFigures, estateId, ctx, 'command.usage.collection', true);
        const today = localDateKey(ctx.now, estateTimezone(ctx, estateId));
        // Only bills already due: a month billed ahead (due next week) is not yet 应收 and must not drag the rate.
        const rows = await deps.feeFigures.collectionTotals(estateId, {
          ...(a.building ? { buildingId: a.building.id } : {}),
          ...(a.period ? { period: a.period } : {}),
          dueBy: today,
        });
        const scope = `${a.building ? buildingName(locale, a.building.name) : t(locale, 'fees.cmd.wholeEstate')}${a.period ? ` ${a.period}` : ''}`;
        if (rows.length === 0) return t(locale, 'figures.collection.noneDue', { scope, today });
        const sum = (rs: typeof rows) =>
          rs.reduce((acc, r) => ({ due: acc.due + r.dueCents, out: acc.out + r.outstandingCents }), { due: 0, out: 0 });
        const all = sum(rows);
        const lines = [
          t(locale, 'fees.cmd.rateHead', { line: rateLine(locale, scope, all.due, all.out) }),
          t(locale, 'figures.collection.dueOnly', { today }),
        ];
        const periods = [...new Set(rows.map((r) => r.period))].sort().reverse();
        if (!a.period) {
          lines.push(t(locale, 'fees.cmd.byMonth'));
          for (const p of periods.slice(0, 12)) {
            const tot = sum(rows.filter((r) => r.period === p));
            lines.push(`· ${rateLine(locale, p, tot.due, tot.out)}`);
          }
        }
        if (!a.building) {
          const latest = a.period ?? periods[0];
          lines.push(t(locale, 'fees.cmd.byBuilding', { period: latest ?? '' }));
          for (const b of a.buildings) {
            const tot = sum(rows.filter((r) => r.buildingId === b.id && r.period === latest));
            if (tot.due > 0) lines.push(`· ${rateLine(locale, buildingName(locale, b.name), tot.due, tot.out)}`);
          }
        }
        return lines.join('\n');
      },
    },
    {
      name: '欠费',
      aliases: ['arrears'],
      roles: ['FOREMAN', 'SUPERVISOR', 'MANAGER'],
      summaryKey: 'command.summary.arrears',
      summaryParams: { count: LIST_SIZE },
      usageKey: 'command.usage.arrears',
      auditAs: 'read.arrears',
      run: async (ctx) => {
        const estateId = staffEstate(ctx);
        const locale = ctx.sender.locale;
        const a = await parseArgs(deps.feeFigures, estateId, ctx, 'command.usage.arrears', false);
        const today = localDateKey(ctx.now, estateTimezone(ctx, estateId));
        const list = await deps.feeFigures.largestArrears(estateId, {
          ...(a.building ? { buildingId: a.building.id } : {}),
          today,
          take: LIST_SIZE,
        });
        const scope = a.building ? buildingName(locale, a.building.name) : t(locale, 'fees.cmd.wholeEstate');
        if (list.length === 0) return t(locale, 'fees.cmd.noArrears', { scope });
        return [
          t(locale, 'fees.cmd.arrearsHead', { count: list.length, scope, today }),
          ...list.map((u, i) => {
            const owners =
              u.owners.length > 0
                ? u.owners.map(ownerLine).join(t(locale, 'fees.cmd.nameSep'))
                : t(locale, 'fees.cmd.noOwner');
            return t(locale, 'fees.cmd.arrearsLine', {
              n: i + 1,
              unit: u.label,
              amount: formatYuan(u.outstandingCents),
              dueDate: u.oldestDueDate,
              owners,
            });
          }),
        ].join('\n');
      },
    },
  ];
}
