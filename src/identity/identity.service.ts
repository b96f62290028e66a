import type { IdentityRepository, IdentityRow, TouchInput } from '../db/repositories.js';
import type { StoredState } from '../db/rows.js';
import { AppError, userMessage } from '../shared/app-error.js';
import { isAdapterChannelId } from '../shared/channel-ids.js';
import type { EstateService } from '../estate/estate.service.js';
import { normalizeLocale, t, type Locale } from '../i18n/index.js';
import { toSenderUnits, type Sender } from './sender.js';

/**
 * Where a turn's conversation is, as JSON (a Bot Framework ConversationReference; the bot layer builds it from the
 * activity). Stored as the account's address; the domain reads only its serviceUrl.
 */
export interface ConversationRef {
  serviceUrl?: string;
}

/** Who wrote, in which conversation: what identify needs of an inbound activity (converted in src/bot). */
export interface InboundTurn {
  channelId?: string;
  from?: { id?: string; name?: string };
  conversation?: { isGroup?: boolean };
  reference: ConversationRef;
}

export class IdentityService {
  constructor(
    private readonly identities: IdentityRepository,
    private readonly estates: EstateService,
    private readonly defaultLocale: Locale = 'zh-CN',
  ) {}

  /** Answers this chat account in `locale` from now on. */
  async setLocale(identityId: string, locale: Locale): Promise<void> {
    await this.identities.setLocale(identityId, locale);
  }

  /**
   * Identifies the sender of an inbound activity, creating the chat account on first contact — unless `create` is
   * false: then an unknown account is answered as a provisional sender (identityId '', `provisional: true`) and
   * nothing is written (#17: a greeting from a stranger creates no row).
   */
  async identify(activity: InboundTurn, now: Date, opts: { create?: boolean } = {}): Promise<Sender> {
    const input = this.touchInput(activity, now);
    const row = opts.create === false ? await this.identities.touchKnown(input) : await this.identities.touch(input);
    return this.senderOf(activity, input, row);
  }

  /**
   * identify(activity, now, { create: false }) and, in the same database statement, the conversation state stored
   * under `stateKey` (opaque here; the bot's conversation state starts from it): the two reads every turn opens with,
   * in one round trip (#15).
   */
  async identifyWithState(
    activity: InboundTurn,
    now: Date,
    stateKey: string,
  ): Promise<{ sender: Sender; state: StoredState | undefined }> {
    const input = this.touchInput(activity, now);
    const { identity, state } = await this.identities.touchKnownWithState(input, stateKey);
    return { sender: await this.senderOf(activity, input, identity), state };
  }

  private touchInput(activity: InboundTurn, now: Date): TouchInput {
    const channel = activity.channelId ?? 'unknown';
    const externalId = activity.from?.id;
    if (!externalId) throw new AppError('BAD_INPUT', 'activity without from.id');
    const ref = activity.reference;
    return {
      channel,
      externalId,
      displayName: activity.from?.name,
      // Group turns keep the person's own address: a notice to them must not go to the group.
      conversationRef: activity.conversation?.isGroup === true ? null : JSON.stringify(ref),
      // Bot Framework notices go to the stored reference's serviceUrl: a message claiming another one for a known
      // account must not move that account's notices elsewhere.
      pinServiceUrl: isAdapterChannelId(channel) ? null : (ref.serviceUrl ?? null),
      locale: this.defaultLocale,
      now,
    };
  }

  /** The Sender of an account's row; null (an unknown account not written down) is a provisional sender. */
  private async senderOf(activity: InboundTurn, input: TouchInput, found: IdentityRow | null): Promise<Sender> {
    const row = found ?? { id: '', locale: this.defaultLocale, person: null, provisional: true as const };
    const person = row.person;
    const units = toSenderUnits(person?.memberships ?? []);
    const staff =
      person?.staff && person.staff.active
        ? { id: person.staff.id, role: person.staff.role, estateId: person.staff.estateId }
        : null;
    const estateId = staff?.estateId ?? units[0]?.estateId;
    const estate = (estateId ? await this.estates.byId(estateId) : null) ?? (await this.estates.defaultEstate());
    if (!estate) throw new AppError('UNAVAILABLE', 'no estate configured', userMessage('bind.err.noEstate'));
    return {
      identityId: row.id,
      channel: input.channel,
      externalId: input.externalId,
      personId: person?.id ?? null,
      name: person?.name ?? activity.from?.name ?? null,
      locale: normalizeLocale(row.locale),
      estate,
      units,
      staff,
      isGroup: activity.conversation?.isGroup === true,
      ...('provisional' in row ? { provisional: true as const } : {}),
    };
  }
}
