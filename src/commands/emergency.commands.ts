// 特发事件 commands for staff: "收到 0007" acknowledges an emergency (any staff member; stops the 经理 ping), and
// "紧急 <描述>" raises one from a group chat, e.g. "紧急 5栋电梯困人".
import { AppError, userMessage } from '../shared/app-error.js';
import { t as translate } from '../i18n/index.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import { guessEmergencyType } from '../complaints/emergency.js';
import { actorName, ALL_STAFF, refFrom, staffInOwnEstate, staffOf, type Command } from './command.js';
import { TICKET_REF } from '../complaints/ticket-number.js';

export interface EmergencyCommandDeps {
  complaints: ComplaintService;
}

export function emergencyCommands(deps: EmergencyCommandDeps): Command[] {
  const svc = deps.complaints;
  return [
    {
      name: '收到',
      aliases: ['ack'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.ack',
      usageKey: 'command.usage.ack',
      async run(ctx) {
        const s = staffInOwnEstate(ctx);
        const hit = refFrom(ctx.args, ctx.quoted, TICKET_REF);
        if (!hit) throw new AppError('BAD_INPUT', 'no ref', userMessage('complaint.staff.ackUsage'));
        const t = await svc.ackEmergency(
          {
            staffId: s.id,
            name: actorName(ctx),
            role: s.role,
            estateId: s.estateId,
          },
          await svc.resolveRef(ctx.sender.estate, hit.ref),
        );
        return translate(ctx.sender.locale, 'complaint.staff.emergencyAcked', {
          number: t.number,
          category: t.category,
        });
      },
    },
    {
      name: '紧急',
      aliases: ['emergency'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.emergency',
      usageKey: 'command.usage.emergency',
      async run(ctx) {
        const s = staffOf(ctx);
        const text = ctx.args.trim();
        if (!text) throw new AppError('BAD_INPUT', 'no text', userMessage('complaint.staff.raiseUsage'));
        if ([...text].length > 500)
          throw new AppError('BAD_INPUT', 'too long', userMessage('complaint.staff.raiseTooLong'));
        const type = guessEmergencyType(text) ?? '其他紧急';
        const t = await svc.reportEmergency({
          estate: ctx.sender.estate,
          personId: ctx.sender.personId ?? `staff:${s.id}`,
          unitId: null,
          type,
          description: text,
          location: text,
          reporter: {
            actor: `staff:${s.id}`,
            name: actorName(ctx),
          },
        });
        const reached = await svc.emergencyReach(ctx.sender.estate.id);
        return translate(ctx.sender.locale, reached > 0 ? 'emergency.staffNotified' : 'emergency.staffNobody', {
          number: t.number,
          type: translate(ctx.sender.locale, `emergency.label.${type}`),
        });
      },
    },
  ];
}
