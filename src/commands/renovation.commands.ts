// Staff decisions on renovation requests: 待审批 (/pending) lists them, 批准 <编号> (/approve) and
// 驳回 <编号> <理由> (/reject) decide one. The owner is told by the service in the same transaction.
import { AppError, userMessage } from '../shared/app-error.js';
import { t } from '../i18n/index.js';
import type { StaffRole } from '../identity/sender.js';
import type { RenovationService } from '../renovation/renovation.service.js';
import { actorName, refFrom, staffOf, type Command, type CommandContext } from './command.js';

export interface RenovationCommandDeps {
  renovation: RenovationService;
}

const DECIDERS: StaffRole[] = ['ASSISTANT', 'SUPERVISOR', 'MANAGER'];

function decider(ctx: CommandContext) {
  const s = staffOf(ctx);
  return { staffId: s.id, name: actorName(ctx), estateId: s.estateId };
}

/** "12" / "#12" typed first, or "#12" / "编号 12" in the quoted 【装修审批】 notice staff reply to. */
const REQUEST_REF = { leading: /#?(\d{1,9})/, quoted: /(?:#|编号\s*)(\d{1,9})/ };

/** "12 理由…" / "#12 理由…" → seq and the rest; a reply to a request notice may omit the number ("驳回 材料不全"). */
export function parseDecisionArgs(args: string, quoted?: string | null): { seq: number; note: string } | null {
  const hit = refFrom(args, quoted, REQUEST_REF);
  return hit ? { seq: Number(hit.ref), note: hit.rest } : null;
}

export function renovationCommands(deps: RenovationCommandDeps): Command[] {
  const decide = async (ctx: CommandContext, approve: boolean): Promise<string> => {
    const usage = approve ? 'reno.cmd.usageApprove' : 'reno.cmd.usageReject';
    const parsed = parseDecisionArgs(ctx.args, ctx.quoted);
    if (!parsed) throw new AppError('BAD_INPUT', 'bad decision args', userMessage(usage));
    if (!approve && !parsed.note)
      throw new AppError('BAD_INPUT', 'no reason', userMessage('reno.cmd.needReason', { usage: t('zh-CN', usage) }));
    const r = await deps.renovation.decide(ctx.sender.estate, decider(ctx), parsed.seq, approve, parsed.note || null);
    return r.ok ? r.reply : r.message;
  };
  return [
    {
      name: '待审批',
      aliases: ['pending'],
      roles: DECIDERS,
      summaryKey: 'command.summary.pending',
      usageKey: 'command.usage.pending',
      async run(ctx) {
        const lines = await deps.renovation.pendingLines(ctx.sender.estate, ctx.now);
        if (lines.length === 0) return t('zh-CN', 'reno.cmd.nonePending');
        return [
          t('zh-CN', 'reno.cmd.pendingHeader', { count: lines.length }),
          ...lines,
          t('zh-CN', 'reno.cmd.pendingFoot'),
        ].join('\n');
      },
    },
    {
      name: '批准',
      aliases: ['approve'],
      roles: DECIDERS,
      summaryKey: 'command.summary.approve',
      usageKey: 'command.usage.approve',
      run: (ctx) => decide(ctx, true),
    },
    {
      name: '驳回',
      aliases: ['reject'],
      roles: DECIDERS,
      summaryKey: 'command.summary.reject',
      usageKey: 'command.usage.reject',
      run: (ctx) => decide(ctx, false),
    },
  ];
}
