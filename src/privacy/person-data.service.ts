// PIPL (个人信息保护法) rights: a copy of everything held about a person (export) and its erasure, run by staff from
// the CLI; owners ask from the chat (我的数据), which opens a request for staff. Every export and erasure is audited.
import fs from 'node:fs';
import path from 'node:path';
import type { EraseCounts, PersonData, PersonDataRepository } from '../db/repositories.js';
import type { Notifier } from '../notify/notifier.js';
import { AppError, userMessage } from '../shared/app-error.js';
import { parseUnitAddress } from '../identity/address.parser.js';
import { mobileDigits } from '../identity/binding.service.js';
import { t, type Locale } from '../i18n/index.js';
import { maskPhone } from '../shared/phone.js';
import type { Clock } from '../shared/clock.js';

export interface PersonRef {
  id: string;
  name: string;
  phone: string | null;
}

export class PersonDataService {
  constructor(
    private readonly repo: PersonDataRepository,
    /** Writes the notices (over the composition root's channel registry). */
    private readonly notifier: Notifier,
    private readonly now: Clock,
  ) {}

  /** The people a phone number or a unit address names (a unit: every member of it). */
  async find(estateId: string, query: string): Promise<PersonRef[]> {
    const phone = mobileDigits(query);
    if (phone) return this.repo.byPhone(phone);
    const a = parseUnitAddress(query);
    if (!a)
      throw new AppError('BAD_INPUT', `not a phone or unit: ${query}`, userMessage('privacy.cli.badQuery', { query }));
    const units = await this.repo.unitsAt(estateId, a.building, a.entrance, a.room);
    if (units.length !== 1)
      throw new AppError('BAD_INPUT', `unit ${query}: ${units.length}`, userMessage('privacy.cli.noUnit', { query }));
    return this.repo.ofUnit(units[0]!);
  }

  /** Everything held about each person the query names, as one JSON document; audited per person. */
  async exportPersons(estateId: string, query: string, actor: string): Promise<{ persons: PersonRef[]; json: string }> {
    const persons = await this.find(estateId, query);
    if (persons.length === 0)
      throw new AppError('NOT_FOUND', `nobody for ${query}`, userMessage('privacy.cli.nobody', { query }));
    const at = this.now();
    const data: PersonData[] = [];
    for (const p of persons) {
      const d = await this.repo.collect(p.id, this.notifier.identityAddress);
      if (d) data.push(d);
      await this.repo.auditExport({ personId: p.id, actor, at });
      await this.repo.closeRequests(p.id, at);
    }
    const json = JSON.stringify({ exportedAt: at.toISOString(), query, persons: data }, null, 2);
    return { persons, json };
  }

  /**
   * Erases the one person the query names (refuses several, and staff: a staff member is first deactivated). Media
   * files the person sent are deleted from disk after the database commit.
   */
  async erasePerson(estateId: string, query: string, actor: string): Promise<{ person: PersonRef } & EraseCounts> {
    const persons = await this.find(estateId, query);
    if (persons.length === 0)
      throw new AppError('NOT_FOUND', `nobody for ${query}`, userMessage('privacy.cli.nobody', { query }));
    if (persons.length > 1)
      throw new AppError(
        'BAD_INPUT',
        `several for ${query}`,
        userMessage('privacy.cli.several', {
          query,
          people: persons.map((p) => `${p.name}（${p.phone ? maskPhone(p.phone) : '—'}）`).join('、'),
        }),
      );
    const person = persons[0]!;
    if (await this.repo.isStaff(person.id))
      throw new AppError('FORBIDDEN', 'staff', userMessage('privacy.cli.staff', { name: person.name }));
    const counts = await this.repo.erase({
      personId: person.id,
      actor,
      at: this.now(),
      addressOf: this.notifier.identityAddress,
    });
    if (!counts) throw new AppError('NOT_FOUND', 'gone', userMessage('privacy.cli.nobody', { query }));
    for (const file of counts.mediaFiles) fs.rmSync(path.resolve(file), { force: true });
    return { person, ...counts };
  }

  /** 我的数据: opens a request for staff (one at a time) and tells the assistants' group. */
  async requestFromChat(
    sender: { identityId: string; personId: string; estateId: string; name: string | null; units: string[] },
    locale: Locale,
  ): Promise<string> {
    const at = this.now();
    const r = await this.repo.openRequest(
      { estateId: sender.estateId, personId: sender.personId, identityId: sender.identityId, at },
      async (tx) => {
        const phone = await tx.personData.phoneOf(sender.personId);
        await this.notifier.staffGroup(tx.outbox, sender.estateId, 'ASSISTANT', {
          kind: 'notice',
          dedupeKey: `privacy-request:${sender.personId}:${at.getTime()}`,
          at,
          message: {
            text: t('zh-CN', 'privacy.staff.request', {
              name: sender.name ?? '—',
              units: sender.units.join('、') || '—',
              phone: phone ? maskPhone(phone) : '—',
            }),
          },
        });
      },
    );
    return t(locale, r.created ? 'privacy.chat.requested' : 'privacy.chat.already');
  }
}
