// 出入证: an owner requests a pass for a contractor's worker against a running (ACTIVE) renovation permit; staff
// approve (批准出入证 N) or reject (驳回出入证 N 原因). The expiry is never later than the permit's end date.
import type { ContractorPassRecord, PermitRow, Repositories } from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale } from '../i18n/index.js';
import type { Problem } from '../renovation/application.rules.js';
import { permitStatusText } from '../renovation/extension.rules.js';
import type { RenovationService } from '../renovation/renovation.service.js';
import { AppError, userMessage } from '../shared/app-error.js';
import type { Clock } from '../shared/clock.js';
import { parseLocalDate } from '../shared/local-date.parser.js';
import { maskPhone } from '../shared/phone.js';
import type { Notifier } from '../notify/notifier.js';
import { localDateKey } from '../shared/zoned-time.js';

const DEFAULT_WORDS = /^(默认|默认即可|到结束|到许可结束|default)$/i;

export function workerProblem(text: string): Problem | null {
  const n = [...text.trim()].length;
  return n >= 2 && n <= 20 ? null : { key: 'pass.badWorker' };
}

/** The pass's last day from the owner's answer ("默认" = the permit's end), or the problem with it. */
export function readExpiry(text: string, today: string, permitEnd: string): { day: string } | Problem {
  const s = text
    .normalize('NFKC')
    .trim()
    .replace(/[。.！!]+$/u, '');
  const day = DEFAULT_WORDS.test(s) ? permitEnd : parseLocalDate(s, today);
  if (!day) return { key: 'pass.badDate' };
  if (day < today) return { key: 'pass.expiryPast', params: { today } };
  if (day > permitEnd) return { key: 'pass.expiryAfterPermit', params: { end: permitEnd } };
  return { day };
}

export class ContractorPassService {
  constructor(
    private readonly repos: Pick<Repositories, 'contractorPasses'>,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly renovation: RenovationService,
    private readonly now: Clock,
  ) {}

  today(estate: EstateInfo): string {
    return localDateKey(this.now(), estate.timezone);
  }

  /** The owner's permits a pass may be requested for (施工中). */
  async passablePermits(personId: string): Promise<PermitRow[]> {
    return (await this.renovation.permitsOf(personId)).filter((p) => p.status === 'ACTIVE');
  }

  async request(
    estate: EstateInfo,
    personId: string,
    permitId: string,
    unitLabel: string,
    w: { workerName: string; workerPhone: string; expiresOn: string },
  ): Promise<ContractorPassRecord> {
    const permit = await this.renovation.ownedPermit(personId, permitId);
    const expiry = readExpiry(w.expiresOn, this.today(estate), permit.endDate);
    const problem = permit.status !== 'ACTIVE' ? { key: 'pass.noPermit' as const } : 'key' in expiry ? expiry : null;
    if (problem || 'key' in expiry)
      throw new AppError('BAD_INPUT', 'bad pass request', userMessage(problem!.key, problem!.params));
    const createdAt = this.now();
    return this.repos.contractorPasses.file(
      {
        estateId: estate.id,
        permitId,
        ownerPersonId: personId,
        workerName: w.workerName.trim(),
        workerPhone: w.workerPhone,
        expiresOn: expiry.day,
        createdAt,
      },
      (store, pass) =>
        this.notifier.staffGroup(store, estate.id, 'ASSISTANT', {
          kind: 'notice',
          message: {
            text: t('zh-CN', 'pass.staff.new', {
              seq: pass.seq,
              unit: unitLabel,
              number: permit.number,
              worker: pass.workerName,
              phone: maskPhone(pass.workerPhone),
              expires: pass.expiresOn,
            }),
          },
          dedupeKey: `contractor-pass:${pass.id}:new`,
          at: createdAt,
        }),
    );
  }

  /** 批准出入证 / 驳回出入证: the staff member's answer; the owner is told through the outbox. */
  async decide(
    estate: EstateInfo,
    actor: { staffId: string; name: string },
    seq: number,
    approve: boolean,
    note: string | null,
  ): Promise<string> {
    const found = await this.repos.contractorPasses.bySeq(estate.id, seq);
    if (!found) throw new AppError('NOT_FOUND', `pass #${seq}`, userMessage('pass.staff.notFound', { seq }));
    const permit = found.permit;
    if (approve && found.status === 'PENDING' && (!permit || permit.status !== 'ACTIVE'))
      return t('zh-CN', 'pass.staff.permitGone', {
        number: permit?.number ?? '',
        status: permit ? permitStatusText(permit.status) : t('zh-CN', 'deskPass.permitDeleted'),
      });
    // The permit may have been shortened meanwhile: an approved pass never outlives it.
    const expires = permit && found.expiresOn > permit.endDate ? permit.endDate : found.expiresOn;
    const now = this.now();
    const r = await this.repos.contractorPasses.decide(
      found.id,
      {
        approve,
        decidedBy: `staff:${actor.staffId}`,
        decidedByName: actor.name,
        decidedAt: now,
        note,
        expiresOn: expires,
      },
      (store, pass) =>
        this.notifier.person(store, pass.ownerPersonId, {
          kind: 'notice',
          message: (locale: Locale) => ({
            text: approve
              ? t(locale, 'pass.owner.approved', {
                  seq: pass.seq,
                  worker: pass.workerName,
                  expires,
                  number: permit?.number ?? '',
                })
              : t(locale, 'pass.owner.rejected', { seq: pass.seq, worker: pass.workerName, reason: note ?? '' }),
          }),
          dedupeKey: `contractor-pass:${pass.id}:decided`,
          at: now,
        }),
    );
    if (!r.won)
      return t('zh-CN', 'pass.staff.already', {
        seq,
        who: r.pass.decidedByName ?? t('zh-CN', 'reno.staff.colleague'),
        status: t('zh-CN', `pass.status.${r.pass.status}`),
      });
    return approve
      ? t('zh-CN', 'pass.staff.approved', {
          seq,
          worker: r.pass.workerName,
          expires,
          number: permit?.number ?? '',
        })
      : t('zh-CN', 'pass.staff.rejected', { seq, reason: note ?? '' });
  }
}
