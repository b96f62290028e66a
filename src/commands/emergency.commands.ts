// 特发事件 commands for staff: "收到 0007" acknowledges an emergency (any staff member; stops the 经理 ping), and
// "紧急 <描述>" raises one from a group chat, e.g. "紧急 5栋电梯困人".
import { AppError } from '../shared/app-error.js';
import { t as translate } from '../i18n/index.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import { EMERGENCY_LABEL, guessEmergencyType } from '../complaints/emergency.js';
import { ALL_STAFF, refFrom, staffInOwnEstate, staffOf, type Command } from './command.js';
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
      summary: '确认特发事件，开始处置（停止通知经理）',
      usage: '收到 0007',
      async run(ctx) {
        const s = staffInOwnEstate(ctx);
        const hit = refFrom(ctx.args, ctx.quoted, TICKET_REF);
        if (!hit) throw new AppError('BAD_INPUT', 'no ref', '用法：收到 0007（特发事件的工单号）');
        const t = await svc.ackEmergency(
          { staffId: s.id, name: ctx.sender.name ?? '员工', role: s.role, estateId: s.estateId },
          await svc.resolveRef(ctx.sender.estate, hit.ref),
        );
        return `已确认特发事件 ${t.number}（${t.category}），请尽快到场处置，处理完请“办结 ${t.number} 处理结果”。`;
      },
    },
    {
      name: '紧急',
      aliases: ['emergency'],
      roles: ALL_STAFF,
      summary: '发起特发事件，立即通知主管群',
      usage: '紧急 5栋电梯困人',
      async run(ctx) {
        const s = staffOf(ctx);
        const text = ctx.args.trim();
        if (!text) throw new AppError('BAD_INPUT', 'no text', '用法：紧急 <地点和情况>，例如：紧急 5栋2单元电梯困人');
        if ([...text].length > 500) throw new AppError('BAD_INPUT', 'too long', '描述太长了，请精简到 500 个字以内。');
        const type = guessEmergencyType(text) ?? '其他紧急';
        const t = await svc.reportEmergency({
          estate: ctx.sender.estate,
          personId: ctx.sender.personId ?? `staff:${s.id}`,
          unitId: null,
          type,
          description: text,
          location: text,
          reporter: { actor: `staff:${s.id}`, name: ctx.sender.name ?? '员工' },
        });
        const reached = await svc.emergencyReach(ctx.sender.estate.id);
        return translate(ctx.sender.locale, reached > 0 ? 'emergency.staffNotified' : 'emergency.staffNobody', {
          number: t.number,
          type: EMERGENCY_LABEL[type],
        });
      },
    },
  ];
}
