// 报修 commands: the desk dispatches (派单 N 姓名), maintenance staff take, arrive, complete (photos allowed) or give it
// back (接单 / 到场 / 完工 / 无法处理); any staff member files a case that came by phone or at the counter for a unit
// (代登记 3-2-1201 报修|投诉 …). Which move is allowed is the transition table's (src/tickets/transitions.ts).
import { AppError, userMessage } from '../shared/app-error.js';
import type { ComplaintService } from '../complaints/complaint.service.js';
import type { RepairActor, RepairService } from '../repairs/repair.service.js';
import { guessTrade } from '../repairs/repair-settings.js';
import { windowText } from '../repairs/visit-window.js';
import { formatUnitAddress, parseUnitAddress } from '../identity/address.parser.js';
import { t, type MessageKey } from '../i18n/index.js';
import type { TicketRow } from '../db/ticket.repo.js';
import type { TicketPhotoService } from '../tickets/ticket-photos.service.js';
import { TICKET_REF } from '../complaints/ticket-number.js';
import { actorName, ALL_STAFF, refFrom, staffInOwnEstate, type Command, type CommandContext } from './command.js';

export interface RepairCommandDeps {
  complaints: ComplaintService;
  repairs: RepairService;
  /** Sends the owner's photos to the worker a repair is dispatched to (#19); absent in tests that do not need it. */
  photos?: TicketPhotoService;
}

function actorOf(ctx: CommandContext): RepairActor {
  const s = staffInOwnEstate(ctx);
  return {
    staffId: s.id,
    name: actorName(ctx),
    estateId: s.estateId,
    timezone: ctx.sender.estate.timezone,
  };
}

/** Photos sent with the command (完工 with pictures). */
function photosOf(ctx: CommandContext): Array<{ contentUrl: string; name: string }> {
  return (ctx.turn.activity.attachments ?? [])
    .filter((a) => (a.contentType ?? '').startsWith('image/') && a.contentUrl)
    .map((a, i) => ({ contentUrl: a.contentUrl ?? '', name: a.name ?? `photo-${i + 1}.jpg` }));
}

export function repairCommands(deps: RepairCommandDeps): Command[] {
  const { complaints, repairs, photos } = deps;
  const ticketCmd = (
    name: string,
    aliases: string[],
    summaryKey: MessageKey,
    usageKey: MessageKey,
    needText: boolean,
    act: (actor: RepairActor, ticket: TicketRow, text: string, ctx: CommandContext) => Promise<string>,
  ): Command => ({
    name,
    aliases,
    roles: ALL_STAFF,
    summaryKey,
    usageKey,
    async run(ctx) {
      const hit = refFrom(ctx.args, ctx.quoted, TICKET_REF);
      if (!hit || (needText && !hit.rest))
        throw new AppError(
          'BAD_INPUT',
          'bad args',
          userMessage('command.usage', { usage: t(ctx.sender.locale, usageKey) }),
        );
      if ([...hit.rest].length > 500)
        throw new AppError(
          'BAD_INPUT',
          'too long',
          userMessage('command.noteTooLong', { length: [...hit.rest].length, max: 500 }),
        );
      const ticket = await complaints.resolveRef(ctx.sender.estate, hit.ref);
      return act(actorOf(ctx), ticket, hit.rest, ctx);
    },
  });
  const zh = (key: Parameters<typeof t>[1], params?: Parameters<typeof t>[2]) => t('zh-CN', key, params);
  return [
    ticketCmd('派单', ['dispatch'], 'command.summary.dispatch', 'command.usage.dispatch', true, async (a, tk, name) => {
      const worker = await repairs.dispatch(a, tk, name);
      const sent = await photos?.sendToAssignee(tk.id);
      return [
        zh('repair.cmd.dispatched', { number: tk.number, worker: worker.name }),
        ...(sent?.count ? [zh('photos.sentTo', { count: sent.count, name: worker.name })] : []),
      ].join('\n');
    }),
    ticketCmd('接单', ['take'], 'command.summary.take', 'command.usage.take', false, async (a, tk) => {
      const row = await repairs.take(a, tk);
      const window =
        row.visitFrom && row.visitTo
          ? zh('repair.cmd.takenVisit', {
              window: windowText({ from: row.visitFrom, to: row.visitTo }, a.timezone),
              contact: row.homeContact ?? t('zh-CN', 'repair.contact.ownerSelf'),
            })
          : '';
      return zh('repair.cmd.taken', { number: row.number, trade: row.category, visit: window }).trim();
    }),
    ticketCmd('到场', ['arrive'], 'command.summary.arrive', 'command.usage.arrive', false, async (a, tk) => {
      await repairs.arrive(a, tk);
      return zh('repair.cmd.arrived', { number: tk.number });
    }),
    ticketCmd('完工', ['done'], 'command.summary.done', 'command.usage.done', true, async (a, tk, note, ctx) => {
      const photos = photosOf(ctx);
      await repairs.complete(a, tk, note, photos);
      return zh('repair.cmd.completed', {
        number: tk.number,
        photos: photos.length ? zh('repair.cmd.completedPhotos', { count: photos.length }) : '',
      });
    }),
    ticketCmd(
      '无法处理',
      ['giveback'],
      'command.summary.giveback',
      'command.usage.giveback',
      true,
      async (a, tk, reason) => {
        await repairs.giveBack(a, tk, reason);
        return zh('repair.cmd.givenBack', { number: tk.number });
      },
    ),
    {
      name: '代登记',
      aliases: ['fileforowner'],
      roles: ALL_STAFF,
      summaryKey: 'command.summary.fileforowner',
      usageKey: 'command.usage.fileforowner',
      async run(ctx) {
        const actor = actorOf(ctx);
        const m = /^(\S+)\s+(报修|投诉)\s+([\s\S]+)$/u.exec(ctx.args.trim());
        if (!m?.[1] || !m[2] || !m[3]) throw new AppError('BAD_INPUT', 'bad args', userMessage('repair.proxy.usage'));
        let text = m[3].trim();
        let intake: 'phone' | 'counter' = 'phone';
        const via = /\s*[（(]?(电话|前台|柜台)[)）]?$/u.exec(text);
        if (via?.[1]) {
          intake = via[1] === '电话' ? 'phone' : 'counter';
          text = text.slice(0, via.index).trim();
        }
        if (!text || [...text].length > 500)
          throw new AppError('BAD_INPUT', 'bad text', userMessage('repair.proxy.usage'));
        const addr = parseUnitAddress(m[1]);
        if (!addr) throw new AppError('BAD_INPUT', 'bad unit', userMessage('repair.proxy.noUnit', { unit: m[1] }));
        const label = formatUnitAddress(addr);
        const unit = await repairs.unitOwner(actor.estateId, {
          building: addr.building,
          entrance: addr.entrance ?? '',
          room: addr.room,
        });
        if (!unit) throw new AppError('NOT_FOUND', 'no unit', userMessage('repair.proxy.noUnit', { unit: label }));
        if (!unit.ownerId)
          throw new AppError('CONFLICT', 'no owner', userMessage('repair.proxy.noOwner', { unit: label }));
        const channel = zh(intake === 'phone' ? 'repair.intake.phone' : 'repair.intake.counter');
        const filedBy = { staffId: actor.staffId, name: actor.name };
        const estate = ctx.sender.estate;
        if (m[2] === '报修') {
          const trade = guessTrade(repairs.settings(estate), text) ?? '其他';
          // Staff say "公共" / "电梯" when it is not in the flat; otherwise the owner's home.
          const inHome = !/公共|楼道|电梯|车库|大堂|小区/u.test(text) && trade !== '电梯' && trade !== '公共设施';
          const made = await repairs.create({
            estate,
            personId: unit.ownerId,
            unitId: unit.unitId,
            trade,
            description: text,
            location: inHome
              ? `${t('zh-CN', 'repair.whereHome')} ${label}`
              : t('zh-CN', 'repair.proxy.publicLocation', { unit: label }),
            inHome,
            urgent: /紧急|急|漏水不止|停电/u.test(text),
            attachments: photosOf(ctx),
            visit: null,
            homeContact: null,
            intake,
            filedBy,
          });
          return zh('repair.proxy.filedRepair', { number: made.ticket.number, trade, channel, unit: label });
        }
        const { categories } = complaints.settings(estate);
        const first = text.split(/\s+/)[0] ?? '';
        const category = categories.includes(first) ? first : (categories.find((c) => text.includes(c)) ?? '其他');
        const made = await complaints.create({
          estate,
          personId: unit.ownerId,
          unitId: unit.unitId,
          category,
          description: text,
          location: t('zh-CN', 'repair.proxy.homeLocation', { unit: label }),
          urgent: /紧急/u.test(text),
          attachments: photosOf(ctx),
          intake,
          filedBy,
        });
        return zh('repair.proxy.filedComplaint', { number: made.ticket.number, category, channel, unit: label });
      },
    },
  ];
}
