// The customer-service window of the WeChat Official Account, as the dispatcher sees it. After an owner's message the
// account may send a few customer-service messages for a while (a menu click or a follow opens a shorter one); outside
// it a notice can only go as a template message, and only when the estate configured a template for its type
// (催缴, 工单状态, 预约提醒, 公告). Otherwise it is HELD — listed for staff (未送达) and released by the owner's next
// message — never dropped. The window is kept in the database (ServiceWindow), so it holds across restarts and
// instances; the platform's own answers (45015 out of window, 45047 over quota, 43004 unfollowed) win over our count.
//
// Platform figures (developers.weixin.qq.com 客服消息, rules in force since 2023-06-12; before that 20 per 48 h):
// owner sends a message → 5 messages within 48 h; menu click / follow / QR scan → 3 within 1 minute. Configurable
// (WECHAT_OA_CS_QUOTA, WECHAT_OA_CS_WINDOW_HOURS, WECHAT_OA_EVENT_QUOTA, WECHAT_OA_EVENT_WINDOW_SECONDS).
import type { Clock } from '../shared/clock.js';
import { t } from '../i18n/index.js';
import { z } from 'zod';
import {
  NOTICE_TYPES,
  type NoticeTemplateRef,
  type NoticeType,
  type OutboundMessage,
  type SendResult,
} from './channel.js';
import type { WindowLimits, WindowRepository, WindowSlot } from '../db/repositories.js';
import type { DeliveryGate, GateResult } from './dispatcher.js';

export interface WindowRules {
  messageQuota: number;
  messageWindowMs: number;
  eventQuota: number;
  eventWindowMs: number;
}

export const WECHAT_OA_WINDOW_RULES: WindowRules = {
  messageQuota: 5,
  messageWindowMs: 48 * 3_600_000,
  eventQuota: 3,
  eventWindowMs: 60_000,
};

/** 催缴 … as staff say them. */
export const NOTICE_TYPE_LABEL: Record<NoticeType, string> = {
  arrears: t('zh-CN', 'serviceWindow.type.arrears'),
  ticket: t('zh-CN', 'serviceWindow.type.ticket'),
  appointment: t('zh-CN', 'serviceWindow.type.appointment'),
  announcement: t('zh-CN', 'serviceWindow.type.announcement'),
};

/** The windows of one channel's followers (one row each), with the channel's rules and the injected clock. */
export class ServiceWindows {
  constructor(
    private readonly repo: WindowRepository,
    readonly channel: string,
    readonly rules: WindowRules,
    private readonly now: Clock,
  ) {}

  private limits(): WindowLimits {
    const now = this.now().getTime();
    return {
      messageQuota: this.rules.messageQuota,
      messageSince: new Date(now - this.rules.messageWindowMs),
      eventQuota: this.rules.eventQuota,
      eventSince: new Date(now - this.rules.eventWindowMs),
    };
  }

  /** The owner wrote (`message`) or clicked the menu / followed (`event`) at `at` (the platform's CreateTime). */
  opened(address: string, slot: WindowSlot, at: Date): Promise<void> {
    // Never later than now: a callback stamped ahead of our clock must not stretch the window.
    const when = new Date(Math.min(at.getTime(), this.now().getTime()));
    return this.repo.open({ channel: this.channel, address, slot, at: when });
  }

  reserve(address: string): Promise<WindowSlot | null> {
    return this.repo.reserve(this.channel, address, this.limits());
  }

  /** A turn's reply: counted, never refused. */
  spendForReply(address: string): Promise<void> {
    return this.repo.spend(this.channel, address, this.limits());
  }

  refund(address: string, slot: WindowSlot): Promise<void> {
    return this.repo.refund(this.channel, address, slot);
  }

  exhaust(address: string): Promise<void> {
    return this.repo.exhaust(this.channel, address, this.limits());
  }

  isUnfollowed(address: string): Promise<boolean> {
    return this.repo.isUnfollowed(this.channel, address);
  }

  unfollowed(address: string): Promise<number> {
    return this.repo.markUnfollowed({ channel: this.channel, address, at: this.now(), reason: UNFOLLOWED });
  }

  /** After the owner's message has been answered: what waited for them is due now. */
  releaseHeld(address: string): Promise<number> {
    return this.repo.releaseHeld(this.channel, address, this.now());
  }

  /** An estate's settings JSON (its templates), read per notice outside the window. */
  estateSettings(estateId: string): Promise<unknown> {
    return this.repo.estateSettings(estateId);
  }
}

/** Kept on the outbox row and shown to staff (zh-CN). */
export const UNFOLLOWED = t('zh-CN', 'serviceWindow.unfollowed');

// ── templates: estate.settings.wechatOa.templates ─────────────────────────────────────────────────────────────────

const templateSchema = z.object({
  /** 模板ID from the platform's 模板消息 page. */
  templateId: z.string().min(1).max(128),
  /** Optional page the template opens. */
  url: z.url({ protocol: /^https?$/ }).optional(),
  /** Template keyword → text with {fact} placeholders, e.g. { "thing1": "{unit}", "amount2": "{amount}" }. */
  data: z
    .record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]{0,31}$/), z.string().max(200))
    .refine((d) => Object.keys(d).length > 0, { message: '至少一个字段' }),
});
export type TemplateSetting = z.infer<typeof templateSchema>;

export const oaSettingsSchema = z
  .object({ templates: z.partialRecord(z.enum(NOTICE_TYPES), templateSchema).default({}) })
  .prefault({});

/** `estate.settings.wechatOa`, checked; a broken section means "no templates" (notices are held, not mis-sent). */
export function oaSettingsOf(settings: unknown): z.infer<typeof oaSettingsSchema> {
  const section =
    typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)['wechatOa'] : undefined;
  const parsed = oaSettingsSchema.safeParse(section ?? {});
  return parsed.success ? parsed.data : oaSettingsSchema.parse({});
}

/** Platform limits per keyword type (thing ≤ 20 characters, phrase ≤ 5 …); longer values are refused with 47003. */
const FIELD_LIMITS: Array<[RegExp, number]> = [
  [/^thing\d*$/, 20],
  [/^phrase\d*$/, 5],
  [/^(character_string|number|letter)\d*$/, 32],
  [/^name\d*$/, 10],
  [/^car_number\d*$/, 8],
  [/^phone_number\d*$/, 17],
];

/** The template's data with the notice's facts filled in (and cut to the keyword's length limit). */
export function renderTemplate(
  t: TemplateSetting,
  ref: NoticeTemplateRef,
): { templateId: string; url?: string; data: Record<string, string> } {
  const data: Record<string, string> = {};
  for (const [key, pattern] of Object.entries(t.data)) {
    const value = pattern.replace(/\{(\w+)\}/g, (_m, name: string) => ref.facts[name] ?? '');
    const limit = FIELD_LIMITS.find(([re]) => re.test(key))?.[1];
    const chars = [...value];
    data[key] = limit !== undefined && chars.length > limit ? `${chars.slice(0, limit - 1).join('')}…` : value;
  }
  return { templateId: t.templateId, ...(t.url ? { url: t.url } : {}), data };
}

// ── the dispatcher's gate ─────────────────────────────────────────────────────────────────────────────────────────

/** A send through a windowed channel: `window` says why the platform refused (the send did not happen). */
export type WindowedSendResult =
  SendResult | { ok: false; error: string; refused: 'out-of-window' | 'unfollowed' | 'other'; permanent?: boolean };

/** What the gate needs from the channel (the Official Account adapter implements it). */
export interface WindowedChannel {
  sendCustomerService(address: string, message: OutboundMessage): Promise<WindowedSendResult>;
  sendTemplate(
    address: string,
    template: { templateId: string; url?: string; data: Record<string, string> },
  ): Promise<WindowedSendResult>;
}

export class ServiceWindowGate implements DeliveryGate {
  constructor(
    private readonly deps: {
      windows: ServiceWindows;
      channel: WindowedChannel;
    },
  ) {}

  async deliver(req: { address: string; kind: string; message: OutboundMessage }): Promise<GateResult> {
    const { windows, channel } = this.deps;
    // A text and a picture are two customer-service messages: both fit in the window, or the notice does not go so.
    const slots = await this.reserve(req.address, req.message.text && req.message.image ? 2 : 1);
    if (slots) {
      const res = await channel.sendCustomerService(req.address, req.message);
      if (res.ok) return res;
      if ('refused' in res) {
        if (res.refused === 'unfollowed') return this.unfollowed(req.address);
        if (res.refused === 'other') {
          for (const slot of slots) await windows.refund(req.address, slot);
          return res;
        }
        // Out of window / over quota by the platform's count: believe it, and try the template below.
        await windows.exhaust(req.address);
      } else return res; // network: unknown whether it went, so the slots stay spent
    } else if (await windows.isUnfollowed(req.address)) {
      // Only asked when no slot was free: an unfollowed owner's window is closed (reserve never gives a slot).
      return { ok: false, error: UNFOLLOWED, permanent: true };
    }

    const ref = req.message.template;
    const setting = ref ? (await this.settingsOf(ref.estateId)).templates[ref.type] : undefined;
    if (!ref || !setting)
      return {
        ok: false,
        held: true,
        reason: ref
          ? t('zh-CN', 'serviceWindow.heldNoTemplate', { type: NOTICE_TYPE_LABEL[ref.type] })
          : t('zh-CN', 'serviceWindow.heldNoTemplateKind'),
      };
    const res = await channel.sendTemplate(req.address, renderTemplate(setting, ref));
    if (!res.ok && 'refused' in res && res.refused === 'unfollowed') return this.unfollowed(req.address);
    return res;
  }

  /** `count` slots, or none (what was taken goes back). */
  private async reserve(address: string, count: number): Promise<WindowSlot[] | null> {
    const taken: WindowSlot[] = [];
    while (taken.length < count) {
      const slot = await this.deps.windows.reserve(address);
      if (!slot) {
        for (const s of taken) await this.deps.windows.refund(address, s);
        return null;
      }
      taken.push(slot);
    }
    return taken;
  }

  private async unfollowed(address: string): Promise<GateResult> {
    await this.deps.windows.unfollowed(address);
    return { ok: false, error: UNFOLLOWED, permanent: true };
  }

  /** Read per notice (only notices outside the window get here): a template configured now is used at once. */
  private async settingsOf(estateId: string) {
    return oaSettingsOf(await this.deps.windows.estateSettings(estateId));
  }
}
