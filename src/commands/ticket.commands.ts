// Ticket commands for estate staff (in the assistants' group or privately): 认领 / 备注 / 等待业主 / 等待施工方 /
// 恢复 / 办结 / 转派 / 工单, and the owner's 回访 answer (评价 / 没解决). N is TS-20261128-0007 or 0007 for today.
import { AppError } from '../bot/app-error.js';
import type { ComplaintService, StaffActor } from '../complaints/complaint.service.js';
import { PRIORITY_LABEL, STATUS_LABEL } from '../complaints/complaint.texts.js';
import type { StaffRole } from '../identity/sender.js';
import { formatLocal } from '../shared/zoned-time.js';
import type { Command, CommandContext } from './command.js';

export interface TicketCommandDeps {
  complaints: ComplaintService;
}

const STAFF: StaffRole[] = ['ASSISTANT', 'FOREMAN', 'SUPERVISOR', 'MANAGER'];

function actorOf(ctx: CommandContext): StaffActor {
  const s = ctx.sender.staff;
  if (!s) throw new AppError('FORBIDDEN', 'not staff', '仅限员工使用。');
  if (s.estateId !== ctx.sender.estate.id) throw new AppError('FORBIDDEN', 'other estate', '只能处理本小区的工单。');
  return { staffId: s.id, name: ctx.sender.name ?? '员工', role: s.role, estateId: s.estateId };
}

/** "0007 其余文字" → ["0007", "其余文字"]. */
function split(args: string, usage: string, needRest: boolean): [string, string] {
  const m = /^(\S+)(?:\s+([\s\S]+))?$/.exec(args.trim());
  const ref = m?.[1];
  const rest = (m?.[2] ?? '').trim();
  if (!ref || (needRest && !rest)) throw new AppError('BAD_INPUT', 'bad args', `用法：${usage}`);
  if ([...rest].length > 500) throw new AppError('BAD_INPUT', 'too long', `说明太长了（${[...rest].length} 个字），请精简到 500 个字以内。`);
  return [ref, rest];
}

export function ticketCommands(deps: TicketCommandDeps): Command[] {
  const svc = deps.complaints;
  const ticket = (ctx: CommandContext, ref: string) => svc.resolveRef(ctx.sender.estate, ref);
  return [
    {
      name: '认领',
      aliases: ['claim'],
      roles: STAFF,
      summary: '认领新工单',
      usage: '认领 0007',
      async run(ctx) {
        const [ref] = split(ctx.args, '认领 0007', false);
        const t = await svc.claim(actorOf(ctx), await ticket(ctx, ref));
        return `已认领工单 ${t.number}（${t.category}），业主已收到受理通知。`;
      },
    },
    {
      name: '备注',
      aliases: ['note'],
      roles: STAFF,
      summary: '给工单加处理备注',
      usage: '备注 0007 已联系施工队',
      async run(ctx) {
        const [ref, text] = split(ctx.args, '备注 0007 已联系施工队', true);
        const t = await ticket(ctx, ref);
        await svc.note(actorOf(ctx), t, text);
        return `已记录工单 ${t.number} 的备注。`;
      },
    },
    {
      name: '等待业主',
      aliases: ['wait'],
      roles: STAFF,
      summary: '设为等待业主（暂停时限计时）；/wait 0007 施工方 设为等待施工方',
      usage: '等待业主 0007 [说明]',
      async run(ctx) {
        const [ref, rest] = split(ctx.args, '等待业主 0007 [说明]', false);
        const contractor = /^施工方/.test(rest);
        const note = rest.replace(/^(施工方|业主)\s*/, '') || null;
        const t = await ticket(ctx, ref);
        await svc.wait(actorOf(ctx), t, contractor ? 'CONTRACTOR' : 'OWNER', note);
        return contractor ? `工单 ${t.number} 已设为等待施工方，时限暂停计时。` : `工单 ${t.number} 已设为等待业主，时限暂停计时，已通知业主。`;
      },
    },
    {
      name: '等待施工方',
      aliases: ['waitcontractor'],
      roles: STAFF,
      summary: '设为等待施工方（暂停时限计时）',
      usage: '等待施工方 0007 [说明]',
      async run(ctx) {
        const [ref, note] = split(ctx.args, '等待施工方 0007 [说明]', false);
        const t = await ticket(ctx, ref);
        await svc.wait(actorOf(ctx), t, 'CONTRACTOR', note || null);
        return `工单 ${t.number} 已设为等待施工方，时限暂停计时。`;
      },
    },
    {
      name: '恢复',
      aliases: ['resume'],
      roles: STAFF,
      summary: '结束等待，恢复处理',
      usage: '恢复 0007',
      async run(ctx) {
        const [ref, note] = split(ctx.args, '恢复 0007', false);
        const t = await ticket(ctx, ref);
        await svc.resume(actorOf(ctx), t, note || null);
        return `工单 ${t.number} 已恢复处理，时限继续计时。`;
      },
    },
    {
      name: '办结',
      aliases: ['resolve'],
      roles: STAFF,
      summary: '办结工单并写明处理结果',
      usage: '办结 0007 已更换灯泡',
      async run(ctx) {
        const [ref, note] = split(ctx.args, '办结 0007 处理结果', true);
        const t = await ticket(ctx, ref);
        await svc.resolve(actorOf(ctx), t, note);
        return `工单 ${t.number} 已办结，已通知业主，稍后将进行回访。`;
      },
    },
    {
      name: '转派',
      aliases: ['reassign'],
      roles: STAFF,
      summary: '把工单转给同事',
      usage: '转派 0007 李强',
      async run(ctx) {
        const [ref, name] = split(ctx.args, '转派 0007 李强', true);
        const t = await ticket(ctx, ref);
        const to = await svc.reassign(actorOf(ctx), t, name);
        return `工单 ${t.number} 已转派给${to.name}。`;
      },
    },
    {
      name: '工单',
      aliases: ['ticket'],
      roles: STAFF,
      summary: '查看工单详情和处理记录',
      usage: '工单 0007',
      async run(ctx) {
        const [ref] = split(ctx.args, '工单 0007', false);
        const h = await svc.history(await ticket(ctx, ref));
        const tz = ctx.sender.estate.timezone;
        const t = h.ticket;
        return [
          `工单 ${t.number}｜${t.category}｜${STATUS_LABEL[t.status]}｜${PRIORITY_LABEL[t.priority] ?? t.priority}${t.isRepeat ? '｜二次投诉' : ''}`,
          `内容：${t.description}`,
          `位置：${t.location}`,
          `负责人：${h.assignee?.name ?? '未认领'}；照片 ${h.photos} 张${h.repeatOf ? `；关联 ${h.repeatOf.number}` : ''}`,
          ...(t.ackDueAt ? [`响应时限：${formatLocal(t.ackDueAt, tz)}`] : []),
          '处理记录：',
          ...h.events.map((e) => `· ${formatLocal(e.at, tz)} ${e.actorName} ${ACTION_LABEL[e.action] ?? e.action}${e.note ? `：${e.note}` : ''}`),
        ].join('\n');
      },
    },
    {
      name: '评价',
      aliases: ['rate'],
      roles: [],
      summary: '回访评价：1–5 分，可附意见',
      usage: '评价 0007 5 很满意',
      async run(ctx) {
        const m = /^(\S+)\s+([1-5])\s*分?(?:\s+([\s\S]+))?$/.exec(ctx.args.trim());
        if (!m?.[1] || !m[2]) throw new AppError('BAD_INPUT', 'bad rate', '用法：评价 工单号 分数(1–5) [意见]，例如：评价 0007 5 很满意');
        const t = await ticket(ctx, m[1]);
        const comment = (m[3] ?? '').trim().slice(0, 500) || null;
        const r = await svc.answerSurvey(ctx.sender.personId ?? '', t, { score: Number(m[2]), unresolved: false, comment });
        return r === 'reopened' ? `感谢反馈。很抱歉处理不够好，工单 ${t.number} 已重新打开，主管会跟进。` : `感谢您的评价（${m[2]} 分）！工单 ${t.number} 已结束。`;
      },
    },
    {
      name: '没解决',
      aliases: ['unresolved'],
      roles: [],
      summary: '回访：问题没有解决，重新打开工单',
      usage: '没解决 0007 [说明]',
      async run(ctx) {
        const [ref, comment] = split(ctx.args, '没解决 0007 [说明]', false);
        const t = await ticket(ctx, ref);
        await svc.answerSurvey(ctx.sender.personId ?? '', t, { score: null, unresolved: true, comment: comment || null });
        return `很抱歉问题没有解决。工单 ${t.number} 已重新打开，主管会尽快跟进。`;
      },
    },
  ];
}

const ACTION_LABEL: Record<string, string> = {
  created: '提交投诉',
  claimed: '认领',
  note: '备注',
  wait_owner: '等待业主',
  wait_contractor: '等待施工方',
  resume: '恢复处理',
  resolved: '办结',
  reassigned: '转派',
  withdrawn: '撤回',
  owner_info: '业主补充',
  reopened: '重新打开',
  rated: '回访评价',
};
