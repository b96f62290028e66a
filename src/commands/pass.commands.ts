// 出入证 decisions: 批准出入证 <编号> (/approvepass) and 驳回出入证 <编号> <原因> (/rejectpass). Numbers are the pass
// requests' own (【出入证】#12), separate from renovation requests (批准 12). The owner is told through the outbox.
import { AppError, userMessage } from '../shared/app-error.js';
import type { StaffRole } from '../identity/sender.js';
import type { ContractorPassService } from '../permits/contractor-pass.service.js';
import { actorName, refFrom, staffOf, type Command, type CommandContext } from './command.js';

export interface PassCommandDeps {
  passes: ContractorPassService;
}

const DECIDERS: StaffRole[] = ['ASSISTANT', 'SUPERVISOR', 'MANAGER'];
const PASS_REF = { leading: /#?(\d{1,9})/, quoted: /【出入证】#(\d{1,9})/ };

export function passCommands(deps: PassCommandDeps): Command[] {
  const decide = async (ctx: CommandContext, approve: boolean) => {
    const hit = refFrom(ctx.args, ctx.quoted, PASS_REF);
    if (!hit) throw new AppError('BAD_INPUT', 'bad pass args', userMessage('pass.staff.usage'));
    if (!approve && !hit.rest.trim())
      throw new AppError('BAD_INPUT', 'no reason', userMessage('pass.staff.needReason'));
    const s = staffOf(ctx);
    return deps.passes.decide(
      ctx.sender.estate,
      { staffId: s.id, name: actorName(ctx) },
      Number(hit.ref),
      approve,
      hit.rest.trim() || null,
    );
  };
  return [
    {
      name: '批准出入证',
      aliases: ['approvepass'],
      roles: DECIDERS,
      summaryKey: 'command.summary.approvepass',
      usageKey: 'command.usage.approvepass',
      run: (ctx) => decide(ctx, true),
    },
    {
      name: '驳回出入证',
      aliases: ['rejectpass'],
      roles: DECIDERS,
      summaryKey: 'command.summary.rejectpass',
      usageKey: 'command.usage.rejectpass',
      run: (ctx) => decide(ctx, false),
    },
  ];
}
