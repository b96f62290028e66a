// Supervisor views of fee collection: 收缴率 (实收/应收 by building and month) and the largest arrears, for the staff
// member's own estate only. Owners' phones are masked.
import { AppError } from '../bot/app-error.js';
import type { Prisma } from '../db/client.js';
import { buildingsOf, collectionTotals, largestArrears, normalizeBuilding } from '../db/fee.repo.js';
import { parsePeriod } from '../fees/bill-import.parser.js';
import { collectionRate, formatPercent, formatYuan } from '../fees/fee.rules.js';
import { ownerLine } from '../fees/fee.service.js';
import { localDateKey } from '../shared/zoned-time.js';
import type { Command, CommandContext } from './command.js';

export interface FeeCommandDeps {
  prisma: Prisma;
}

const LIST_SIZE = 20;

interface Args {
  building: { id: string; name: string } | null;
  period: string | null;
  /** Every building of the estate, in name order (loaded once for matching and the per-building lines). */
  buildings: { id: string; name: string }[];
}

async function parseArgs(prisma: Prisma, estateId: string, args: string, usage: string, allowPeriod: boolean): Promise<Args> {
  const buildings = await buildingsOf(prisma, estateId);
  const out: Args = { building: null, period: null, buildings };
  for (const word of args.split(/\s+/).filter(Boolean)) {
    const period = allowPeriod ? parsePeriod(word) : null;
    if (period) {
      out.period = period;
      continue;
    }
    const b = buildings.find((x) => normalizeBuilding(x.name) === normalizeBuilding(word));
    if (!b) throw new AppError('BAD_INPUT', `unknown fee command arg ${word}`, `没有找到楼栋“${word}”。用法：${usage}`);
    out.building = b;
  }
  return out;
}

function staffEstate(ctx: CommandContext): string {
  const estateId = ctx.sender.staff?.estateId;
  if (!estateId) throw new AppError('FORBIDDEN', 'fee command without staff');
  return estateId;
}

const rateLine = (label: string, due: number, outstanding: number) =>
  `${label}：应收 ${formatYuan(due)}，实收 ${formatYuan(due - outstanding)}，收缴率 ${formatPercent(collectionRate(due, due - outstanding))}`;

export function feeCommands(deps: FeeCommandDeps): Command[] {
  const collectionUsage = '收缴率 [楼栋] [月份]，例：收缴率 3栋 2026-11';
  const arrearsUsage = '欠费 [楼栋]，例：欠费 3栋';
  return [
    {
      name: '收缴率',
      aliases: ['collection'],
      roles: ['SUPERVISOR', 'MANAGER'],
      summary: '物业费收缴率（实收/应收），可按楼栋、月份',
      usage: collectionUsage,
      run: async (ctx) => {
        const estateId = staffEstate(ctx);
        const a = await parseArgs(deps.prisma, estateId, ctx.args, collectionUsage, true);
        const rows = await collectionTotals(deps.prisma, estateId, {
          ...(a.building ? { buildingId: a.building.id } : {}),
          ...(a.period ? { period: a.period } : {}),
        });
        const scope = `${a.building ? `${a.building.name}栋` : '全小区'}${a.period ? ` ${a.period}` : ''}`;
        if (rows.length === 0) return `${scope}：暂无账单数据。`;
        const sum = (rs: typeof rows) => rs.reduce((t, r) => ({ due: t.due + r.dueCents, out: t.out + r.outstandingCents }), { due: 0, out: 0 });
        const all = sum(rows);
        const lines = [`【收缴率】${rateLine(scope, all.due, all.out)}`];
        const periods = [...new Set(rows.map((r) => r.period))].sort().reverse();
        if (!a.period) {
          lines.push('按月：');
          for (const p of periods.slice(0, 12)) {
            const t = sum(rows.filter((r) => r.period === p));
            lines.push(`· ${rateLine(p, t.due, t.out)}`);
          }
        }
        if (!a.building) {
          const latest = a.period ?? periods[0];
          lines.push(`按楼栋（${latest}）：`);
          for (const b of a.buildings) {
            const t = sum(rows.filter((r) => r.buildingId === b.id && r.period === latest));
            if (t.due > 0) lines.push(`· ${rateLine(`${b.name}栋`, t.due, t.out)}`);
          }
        }
        return lines.join('\n');
      },
    },
    {
      name: '欠费',
      aliases: ['arrears'],
      roles: ['FOREMAN', 'SUPERVISOR', 'MANAGER'],
      summary: `欠费金额最大的${LIST_SIZE}户（电话已脱敏）`,
      usage: arrearsUsage,
      run: async (ctx) => {
        const estateId = staffEstate(ctx);
        const a = await parseArgs(deps.prisma, estateId, ctx.args, arrearsUsage, false);
        const tz = ctx.sender.estate.id === estateId ? ctx.sender.estate.timezone : 'Asia/Shanghai';
        const today = localDateKey(ctx.now, tz);
        const list = await largestArrears(deps.prisma, estateId, { ...(a.building ? { buildingId: a.building.id } : {}), today, take: LIST_SIZE });
        const scope = a.building ? `${a.building.name}栋` : '全小区';
        if (list.length === 0) return `${scope}目前没有逾期欠费。`;
        return [
          `【欠费前${list.length}户】${scope}，截至${today}`,
          ...list.map((u, i) => {
            const owners = u.owners.length > 0 ? u.owners.map(ownerLine).join('、') : '（无业主登记）';
            return `${i + 1}. ${u.label} ${formatYuan(u.outstandingCents)}，最早到期 ${u.oldestDueDate}，${owners}`;
          }),
        ].join('\n');
      },
    },
  ];
}
