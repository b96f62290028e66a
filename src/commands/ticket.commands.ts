// Ticket commands for estate staff (in the assistants' group or privately): 认领 / 备注 / 等待业主 / 等待施工方 /
// 恢复 / 办结 / 转派 / 工单, and the owner's 回访 answer (评价 / 没解决). N is TS-20261128-0007 or 0007 for today.
import { AppError, userMessage } from '../shared/app-error.js';
import { surveyReply, type ComplaintService, type StaffActor } from '../complaints/complaint.service.js';
import { eventLine, priorityLabel, statusLabel } from '../tickets/status-labels.js';
import type { TicketRow } from '../db/ticket.repo.js';
import { formatLocal } from '../shared/zoned-time.js';
import { t as translate, type MessageKey } from '../i18n/index.js';
import type { TicketPhotoService } from '../tickets/ticket-photos.service.js';
import { actorName, ALL_STAFF, refFrom, staffInOwnEstate, type Command, type CommandContext } from './command.js';
import { TICKET_REF } from '../complaints/ticket-number.js';
import { staffGuidanceText } from '../notices/guidance.js';

export interface TicketCommandDeps {
  complaints: ComplaintService;
  /** Sends the owner's photos to whoever now has the ticket (#19); absent in tests that do not need it. */
  photos?: TicketPhotoService;
}

const STAFF = ALL_STAFF;

function actorOf(ctx: CommandContext): StaffActor {
  const s = staffInOwnEstate(ctx);
  return {
    staffId: s.id,
    name: actorName(ctx),
    role: s.role,
    estateId: s.estateId,
  };
}

/** "0007 其余文字" → ["0007", "其余文字"]; a reply to a notice ("办结 已处理") takes the number from the notice. */
function split(args: string, usage: string, needRest: boolean, quoted?: string | null): [string, string] {
  const hit = refFrom(args, quoted, TICKET_REF);
  const m = hit ? null : /^(\S+)(?:\s+([\s\S]+))?$/.exec(args.trim());
  const ref = hit?.ref ?? m?.[1];
  const rest = hit?.rest ?? (m?.[2] ?? '').trim();
  if (!ref || (needRest && !rest))
    throw new AppError('BAD_INPUT', 'bad args', userMessage('complaint.usage', { usage }));
  if ([...rest].length > 500)
    throw new AppError('BAD_INPUT', 'too long', userMessage('complaint.noteTooLong', { length: [...rest].length }));
  return [ref, rest];
}

/** A staff command on one ticket, "<word> 0007 [text]": checks the actor, finds the ticket, `act` does the work. */
interface TicketAction {
  name: string;
  aliases: string[];
  summaryKey: MessageKey;
  /** Shown in the help and, on bad arguments, as "用法：…". */
  usageKey: MessageKey;
  /** The text after the number is required (备注 / 办结 / 转派). */
  needText?: boolean;
  /** Audit action when the command shows the ticket's personal data (see Command.auditAs). */
  auditAs?: string;
  act: (actor: StaffActor, ticket: TicketRow, text: string, ctx: CommandContext) => Promise<string>;
}

function staffTicketCommand(svc: ComplaintService, a: TicketAction): Command {
  return {
    name: a.name,
    aliases: a.aliases,
    roles: STAFF,
    summaryKey: a.summaryKey,
    usageKey: a.usageKey,
    ...(a.auditAs ? { auditAs: a.auditAs } : {}),
    async run(ctx) {
      const [ref, text] = split(ctx.args, translate(ctx.sender.locale, a.usageKey), a.needText ?? false, ctx.quoted);
      const actor = actorOf(ctx);
      return a.act(actor, await svc.resolveRef(ctx.sender.estate, ref), text, ctx);
    },
  };
}

function staffGuidance(ctx: CommandContext, category: string): string[] | null {
  const text = staffGuidanceText(ctx.sender.estate.settings as Record<string, unknown>, category, ctx.sender.locale);
  return text ? [text] : null;
}

export function ticketCommands(deps: TicketCommandDeps): Command[] {
  const svc = deps.complaints;
  const ticket = (ctx: CommandContext, ref: string) => svc.resolveRef(ctx.sender.estate, ref);
  /** An act that makes one change to the ticket, then says so: `reply` with the ticket's number. */
  const changeThenSay =
    (
      change: (actor: StaffActor, t: TicketRow, text: string) => Promise<unknown>,
      reply: MessageKey,
    ): TicketAction['act'] =>
    async (actor, t, text, ctx) => {
      await change(actor, t, text);
      return translate(ctx.sender.locale, reply, { number: t.number });
    };
  const waitContractor = changeThenSay(
    (actor, t, note) => svc.wait(actor, t, 'CONTRACTOR', note || null),
    'complaint.staff.waitContractor',
  );
  const waitOwner = changeThenSay(
    (actor, t, note) => svc.wait(actor, t, 'OWNER', note || null),
    'complaint.staff.waitOwner',
  );
  return [
    staffTicketCommand(svc, {
      name: '认领',
      aliases: ['claim'],
      summaryKey: 'command.summary.claim',
      usageKey: 'command.usage.claim',
      act: async (actor, t, _text, ctx) => {
        const claimed = await svc.claim(actor, t);
        const sent = await deps.photos?.sendToAssignee(claimed.id, ctx.sender.locale);
        return [
          translate(ctx.sender.locale, 'complaint.staff.claimed', {
            number: claimed.number,
            category: claimed.category,
          }),
          ...(sent?.count ? [translate(ctx.sender.locale, 'photos.sentToYou', { count: sent.count })] : []),
        ].join('\n');
      },
    }),
    staffTicketCommand(svc, {
      name: '备注',
      aliases: ['note'],
      summaryKey: 'command.summary.note',
      usageKey: 'command.usage.note',
      needText: true,
      act: changeThenSay((actor, t, text) => svc.note(actor, t, text), 'complaint.staff.noted'),
    }),
    staffTicketCommand(svc, {
      name: '等待业主',
      aliases: ['wait'],
      summaryKey: 'command.summary.wait',
      usageKey: 'command.usage.wait',
      act: async (actor, t, text, ctx) =>
        /^施工方/.test(text)
          ? waitContractor(actor, t, text.replace(/^施工方\s*/, ''), ctx)
          : waitOwner(actor, t, text.replace(/^业主\s*/, ''), ctx),
    }),
    staffTicketCommand(svc, {
      name: '等待施工方',
      aliases: ['waitcontractor'],
      summaryKey: 'command.summary.waitcontractor',
      usageKey: 'command.usage.waitcontractor',
      act: waitContractor,
    }),
    staffTicketCommand(svc, {
      name: '恢复',
      aliases: ['resume'],
      summaryKey: 'command.summary.resume',
      usageKey: 'command.usage.resume',
      act: changeThenSay((actor, t, text) => svc.resume(actor, t, text || null), 'complaint.staff.resumed'),
    }),
    staffTicketCommand(svc, {
      name: '办结',
      aliases: ['resolve'],
      summaryKey: 'command.summary.resolve',
      usageKey: 'command.usage.resolve',
      needText: true,
      act: changeThenSay((actor, t, text) => svc.resolve(actor, t, text), 'complaint.staff.resolved'),
    }),
    staffTicketCommand(svc, {
      name: '转派',
      aliases: ['reassign'],
      summaryKey: 'command.summary.reassign',
      usageKey: 'command.usage.reassign',
      needText: true,
      act: async (actor, t, name, ctx) => {
        const to = (await svc.reassign(actor, t, name)).name;
        const sent = await deps.photos?.sendToAssignee(t.id, ctx.sender.locale);
        return [
          translate(ctx.sender.locale, 'complaint.staff.reassigned', { number: t.number, name: to }),
          ...(sent?.count ? [translate(ctx.sender.locale, 'photos.sentTo', { count: sent.count, name: to })] : []),
        ].join('\n');
      },
    }),
    staffTicketCommand(svc, {
      name: '工单',
      aliases: ['ticket'],
      summaryKey: 'command.summary.ticket',
      usageKey: 'command.usage.ticket',
      auditAs: 'read.ticket',
      act: async (actor, ticketRow, _text, ctx) => {
        const h = await svc.history(ticketRow);
        const tz = ctx.sender.estate.timezone;
        const t = h.ticket;
        const owner = await svc.ownerContactFor(
          { ...actor, personId: ctx.sender.personId },
          ticketRow,
          ctx.sender.locale,
        );
        const locale = ctx.sender.locale;
        const tr = (key: Parameters<typeof translate>[1], params?: Parameters<typeof translate>[2]) =>
          translate(locale, key, params);
        return [
          tr('complaint.staff.detailHead', {
            number: t.number,
            category: t.category,
            status: statusLabel(t.status, locale),
            priority: priorityLabel(t.priority, locale),
            repeat: t.isRepeat ? tr('complaint.staff.detailRepeat') : '',
          }),
          tr('complaint.staff.detailContent', { description: t.description }),
          tr('complaint.staff.detailLocation', { location: t.location }),
          ...(owner
            ? [owner.sentPrivately ? `${owner.line}${translate(ctx.sender.locale, 'ticket.contactSent')}` : owner.line]
            : []),
          tr('complaint.staff.detailAssignee', {
            name: h.assignee?.name ?? tr('complaint.staff.unclaimed'),
            photos: h.photos,
            repeatOf: h.repeatOf ? tr('complaint.staff.detailRepeatOf', { number: h.repeatOf.number }) : '',
          }),
          ...(t.ackDueAt ? [tr('complaint.staff.detailAckDue', { at: formatLocal(t.ackDueAt, tz) })] : []),
          // #20: what staff must know for this category (the estate's own text over our defaults).
          ...(staffGuidance(ctx, t.category) ?? []),
          tr('complaint.staff.detailRecord'),
          ...h.events.map((e) => eventLine(e, tz, locale)),
        ].join('\n');
      },
    }),
    {
      name: '评价',
      aliases: ['rate'],
      roles: [],
      summaryKey: 'command.summary.rate',
      usageKey: 'command.usage.rate',
      async run(ctx) {
        // "评价 5" without a number: the survey waiting for an answer.
        if (/^[1-5]\s*分?$/.test(ctx.args.trim())) {
          const reply = await svc.answerPendingSurvey(ctx.sender.personId, ctx.args.trim(), ctx.sender.locale);
          if (reply) return reply;
        }
        const m = /^(\S+)\s+([1-5])\s*分?(?:\s+([\s\S]+))?$/.exec(ctx.args.trim());
        if (!m?.[1] || !m[2]) throw new AppError('BAD_INPUT', 'bad rate', userMessage('complaint.survey.usage'));
        const t = await ticket(ctx, m[1]);
        const comment = (m[3] ?? '').trim().slice(0, 500) || null;
        const r = await svc.answerSurvey(ctx.sender.personId ?? '', t, {
          score: Number(m[2]),
          unresolved: false,
          comment,
        });
        return surveyReply(ctx.sender.locale, t.number, { score: Number(m[2]), unresolved: false }, r);
      },
    },
    {
      name: '没解决',
      aliases: ['unresolved'],
      roles: [],
      summaryKey: 'command.summary.notSolved',
      usageKey: 'complaint.survey.usageUnresolved',
      async run(ctx) {
        // A bare "没解决" (the owner answering the 回访 message) goes to the survey that is waiting for an answer.
        if (!ctx.args.trim() && !ctx.quoted) {
          const reply = await svc.answerPendingSurvey(ctx.sender.personId, '没解决', ctx.sender.locale);
          if (reply) return reply;
        }
        const [ref, comment] = split(
          ctx.args,
          translate(ctx.sender.locale, 'complaint.survey.usageUnresolved'),
          false,
          ctx.quoted,
        );
        const t = await ticket(ctx, ref);
        await svc.answerSurvey(ctx.sender.personId ?? '', t, {
          score: null,
          unresolved: true,
          comment: comment || null,
        });
        return surveyReply(ctx.sender.locale, t.number, { score: null, unresolved: true }, 'reopened');
      },
    },
  ];
}
