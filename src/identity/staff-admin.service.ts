// 离职 and 注销群 (主管/经理): a leaver is handled in one step — deactivated, chat accounts unbound, open tickets and
// taken callbacks handed to the 领班, who is told once with the list (owners are not told: their ticket simply has a
// new handler); a registered staff group is unregistered (its role's notices then go privately, /healthz shows it).
import { AppError, userMessage } from '../shared/app-error.js';
import type { Repositories } from '../db/repositories.js';
import { handoffRef } from '../db/handoff.repo.js';
import { type Notice, type Notifier } from '../notify/notifier.js';
import { t, type Locale } from '../i18n/index.js';
import type { Clock } from '../shared/clock.js';
import type { StaffRole } from './sender.js';
import { STATUS_LABEL } from '../tickets/status-labels.js';

export interface StaffActorRef {
  staffId: string;
  name: string;
}

export interface LeaverResult {
  name: string;
  foreman: string;
  accounts: number;
  tickets: number;
  callbacks: number;
}

export class StaffAdminService {
  constructor(
    private readonly repos: Pick<Repositories, 'staffAdmin'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
  ) {}

  async leave(estateId: string, name: string, by: StaffActorRef, locale: Locale): Promise<LeaverResult> {
    const matches = await this.repos.staffAdmin.activeStaffByName(estateId, name);
    if (matches.length === 0)
      throw new AppError('NOT_FOUND', 'no such staff', userMessage('leaver.notFound', { name }));
    if (matches.length > 1)
      throw new AppError(
        'CONFLICT',
        'ambiguous staff',
        userMessage('leaver.ambiguous', { name, count: matches.length }),
      );
    const leaver = matches[0]!;
    if (leaver.id === by.staffId) throw new AppError('BAD_INPUT', 'self', userMessage('leaver.self'));
    const foreman = (await this.repos.staffAdmin.activeForemen(estateId)).find((f) => f.id !== leaver.id);
    if (!foreman) throw new AppError('CONFLICT', 'no foreman', userMessage('leaver.noForeman'));
    const at = this.now();
    const handed = await this.repos.staffAdmin.handOverLeaver(
      {
        estateId,
        leaver,
        to: foreman,
        actor: `staff:${by.staffId}`,
        actorName: by.name,
        note: t('zh-CN', 'leaver.event', { name: leaver.name, foreman: foreman.person.name }),
        at,
      },
      async (store, h) => {
        // Staff notices are in the desk's language; the 领班 in person, else the foremen's group.
        const items = [
          ...h.tickets.map((x) =>
            t('zh-CN', 'leaver.ticketLine', {
              number: x.number,
              category: x.category,
              status: STATUS_LABEL[x.status as keyof typeof STATUS_LABEL] ?? x.status,
            }),
          ),
          ...h.callbacks.map((c) => t('zh-CN', 'leaver.callbackLine', { ref: handoffRef(c.id), topic: c.topic })),
        ];
        const notice: Notice = {
          kind: 'notice',
          message: {
            text: t('zh-CN', 'leaver.notice', {
              name: leaver.name,
              foreman: foreman.person.name,
              items: items.length > 0 ? items.join('\n') : t('zh-CN', 'leaver.noticeNone'),
            }),
          },
          dedupeKey: `staff:${leaver.id}:left`,
          at,
        };
        if ((await this.notifier.person(store, foreman.personId, notice)) === 0)
          await this.notifier.staffGroup(store, estateId, 'FOREMAN', notice);
      },
    );
    if (!handed) throw new AppError('NOT_FOUND', 'no such staff', userMessage('leaver.notFound', { name }));
    return {
      name: leaver.name,
      foreman: foreman.person.name,
      accounts: handed.accounts,
      tickets: handed.tickets.length,
      callbacks: handed.callbacks.length,
    };
  }

  /** 注销群: the role the group was registered for. */
  async unregisterGroup(
    estateId: string,
    chat: { channel: string; chatId: string },
    by: StaffActorRef,
    locale: Locale,
  ): Promise<StaffRole> {
    const role = await this.repos.staffAdmin.unregisterStaffChat({
      estateId,
      ...chat,
      actor: `staff:${by.staffId}`,
      at: this.now(),
    });
    if (!role) throw new AppError('NOT_FOUND', 'not registered', userMessage('unregister.notRegistered'));
    return role;
  }
}
