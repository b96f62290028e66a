// 公告 (issue #20): a 主管/经理 drafts a notice, sees who it reaches, confirms; confirming plans it into the outbox for
// every bound chat account of the audience in ONE statement (src/db/notice.repo.ts), plus one post per registered
// owner group. WeChat personal accounts are reached through owner groups when the estate has one (no thousands of
// private sends: ban risk). The dispatcher then sends within each channel's limits; non-urgent notices wait out the
// quiet hours (kind 'announcement'), urgent ones go at once (kind 'urgent').
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import {
  AUDIENCES,
  type Audience,
  type AudienceFilter,
  type NoticeRecord as NoticeRow,
  type Repositories,
} from '../db/repositories.js';
import type { EstateInfo } from '../estate/estate.service.js';
import { t, type Locale, type MessageKey } from '../i18n/index.js';
import { enqueue, toPayload, type ImageMediaRef } from '../notify/outbox.js';
import type { Notifier } from '../notify/notifier.js';
import { releaseAt } from '../notify/quiet-hours.js';
import type { Clock } from '../shared/clock.js';
import type { StaffRole } from '../identity/sender.js';
import { formatLocal, localDateKey } from '../shared/zoned-time.js';
import { noticeSettings } from './notice-settings.js';

/** Who may publish a notice and answer suggestions. */
export const NOTICE_AUTHORS: StaffRole[] = ['SUPERVISOR', 'MANAGER'];

type Estate = Pick<EstateInfo, 'id' | 'name' | 'timezone' | 'deskPhone' | 'settings'>;

export const draftInputSchema = z.object({
  title: z.string().trim().min(1),
  body: z.string().trim().min(1),
  pictureUrl: z.string().min(1).nullable(),
  audience: z.enum(AUDIENCES),
  buildings: z.array(z.string().min(1).max(20)).max(200),
  urgent: z.boolean(),
});
export type DraftInput = z.infer<typeof draftInputSchema>;

export interface Author {
  staffId: string;
  channel: string;
  conversation: string;
}

export type ConfirmResult =
  | { ok: true; notice: NoticeRow; privateCount: number; groupCount: number; startsAt: Date | null }
  | { ok: false; reason: 'notFound' | 'notDraft' | 'nobody' | 'noDraft'; seq?: number };

/** Recent notices an owner sees (30 days, at most 5): our default. */
const RECENT_DAYS = 30;
const RECENT_MAX = 5;

/** "3栋,5栋" / "3、5号楼" / "3 5" → ["3", "5"]. */
export function parseBuildings(text: string): string[] {
  return [
    ...new Set(
      text
        .normalize('NFKC')
        .split(/[,，、;；\s]+|和|及/u)
        .map((s) =>
          s
            .trim()
            .replace(/(号楼|栋|幢|座|号|building)$/iu, '')
            .replace(/^(building)\s*/iu, ''),
        )
        .filter(Boolean),
    ),
  ];
}

/** 全体 / 仅欠费 / 不含欠费 / "3栋,5栋" → the audience; null when unreadable. */
export function parseAudience(text: string): { audience: Audience; buildings: string[] } | null {
  const s = text.normalize('NFKC').trim();
  if (/^(全体|全部|所有|全体业主|all)$/iu.test(s)) return { audience: 'all', buildings: [] };
  if (/^((不含欠费|排除欠费|未欠费|非欠费|不欠费)(业主)?|no arrears|not in arrears)$/iu.test(s))
    return { audience: 'arrearsExcluded', buildings: [] };
  if (/^((仅欠费|只发欠费|欠费)(业主)?|(in )?arrears( only)?)$/iu.test(s))
    return { audience: 'arrearsOnly', buildings: [] };
  const buildings = parseBuildings(s);
  if (buildings.length > 0 && buildings.every((b) => /^[0-9A-Za-z一二三四五六七八九十]{1,6}$/u.test(b)))
    return { audience: 'buildings', buildings };
  return null;
}

/** A 公告 picture sent inline (a data: URL) larger than this is not stored (Telegram's photo limit). */
const PICTURE_MAX_BYTES = 10 * 1024 * 1024;

export interface NoticeServiceOptions {
  /** Where a picture that arrived inline (data: URL) is stored once, e.g. DATA_DIR/media/notices. Unset: not stored. */
  mediaDir?: string;
}

export class NoticeService {
  constructor(
    private readonly repos: Pick<Repositories, 'notices' | 'media'>,
    /** Its channel registry says how each chat account and group is addressed. */
    private readonly notifier: Notifier,
    private readonly now: Clock,
    private readonly opts: NoticeServiceOptions = {},
  ) {}

  settings(estate: { settings: unknown }) {
    return noticeSettings((estate.settings ?? {}) as Record<string, unknown>);
  }

  buildingNames(estateId: string): Promise<string[]> {
    return this.repos.notices.buildingNames(estateId);
  }

  /** Names among `wanted` that are no building of the estate. */
  async unknownBuildings(estateId: string, wanted: readonly string[]): Promise<string[]> {
    const have = new Set(await this.buildingNames(estateId));
    return wanted.filter((b) => !have.has(b));
  }

  async createDraft(estate: Estate, author: Author, input: DraftInput): Promise<NoticeRow> {
    const d = draftInputSchema.parse(input);
    return this.repos.notices.createDraft({
      estateId: estate.id,
      status: 'DRAFT',
      title: d.title,
      body: d.body,
      pictureUrl: d.pictureUrl,
      audience: d.audience,
      buildings: d.audience === 'buildings' ? JSON.stringify(d.buildings) : null,
      urgent: d.urgent,
      authorStaffId: author.staffId,
      channel: author.channel,
      conversation: author.conversation,
      createdAt: this.now(),
    });
  }

  /** The message owners get. */
  messageText(estate: Estate, n: Pick<NoticeRow, 'title' | 'body' | 'urgent'>, at: Date, locale: Locale = 'zh-CN') {
    return t(locale, 'notice.message', {
      estate: estate.name,
      urgent: n.urgent ? t(locale, 'notice.urgentTag') : '',
      title: n.title,
      body: n.body,
      date: formatLocal(at, estate.timezone, 'date'),
    });
  }

  audienceLabel(n: Pick<NoticeRow, 'audience' | 'buildings'>, locale: Locale): string {
    if (n.audience === 'buildings')
      return t(locale, 'notice.audience.buildingsOf', {
        buildings: buildingsOf(n)
          .map((b) => `${b}栋`)
          .join('、'),
      });
    return t(locale, `notice.audience.${n.audience}` as MessageKey);
  }

  private filterOf(estate: Estate, n: NoticeRow, excludeChannels: readonly string[]): AudienceFilter {
    return {
      estateId: estate.id,
      audience: z.enum(AUDIENCES).parse(n.audience),
      buildings: buildingsOf(n),
      today: localDateKey(this.now(), estate.timezone),
      addressing: this.notifier.channels.identityAddressRules(),
      excludeChannels,
    };
  }

  /** An owner group's outbox channel and address (null: it cannot be posted to, or nobody registered its channel). */
  private groupTarget(g: { channel: string; chatId: string; conversationRef?: string | null }) {
    const t = this.notifier.channels.groupTarget(g);
    return t && t.address !== null ? { channel: t.channel, address: t.address } : null;
  }

  /** A personal WeChat account (any of them: `wechat`, `wechat-2`…), whose owners an owner group reaches instead. */
  private isPersonalWechat(channel: string): boolean {
    return this.notifier.channels.get(channel)?.kind === 'wechat';
  }

  /** The personal WeChat accounts with an owner group of this estate: their owners read the notice there. */
  private groupedWechat(groups: readonly { channel: string; chatId: string; conversationRef?: string | null }[]) {
    return [
      ...new Set(
        groups.flatMap((g) => {
          const t = this.groupTarget(g);
          return t && this.isPersonalWechat(t.channel) ? [t.channel] : [];
        }),
      ),
    ];
  }

  /** The catalogue key naming a channel in the preview (by its kind: `wechat-2` reads as WeChat). */
  private channelKey(channel: string): MessageKey {
    const kind = this.notifier.channels.get(channel)?.kind ?? channel;
    return (
      ['telegram', 'wechat', 'wechat-oa', 'console', 'botframework'].includes(kind)
        ? `notice.channel.${kind}`
        : 'notice.channel.botframework'
    ) as MessageKey;
  }

  /** Arrears-only notices are never posted to owner groups (everyone there would read who is meant). */
  private async groupsFor(estate: Estate, n: NoticeRow) {
    return n.audience === 'arrearsOnly' ? [] : this.repos.notices.ownerGroupsOf(estate.id);
  }

  /** The preview: the message as owners will read it, the audience and who it reaches per channel. */
  async previewText(estate: Estate, n: NoticeRow, locale: Locale, inGroup: boolean): Promise<string> {
    const groups = await this.groupsFor(estate, n);
    const grouped = new Set(this.groupedWechat(groups));
    const all = await this.repos.notices.countAudience(this.filterOf(estate, n, []));
    // One line per channel kind (two WeChat accounts read as one 微信 figure).
    const byKey = new Map<MessageKey, number>();
    let groupedOwners = 0;
    let privateWechat = 0;
    for (const [channel, count] of [...all].sort()) {
      if (grouped.has(channel)) {
        groupedOwners += count;
        continue;
      }
      if (this.isPersonalWechat(channel)) privateWechat += count;
      const key = this.channelKey(channel);
      byKey.set(key, (byKey.get(key) ?? 0) + count);
    }
    const parts = [...byKey].map(([key, count]) =>
      t(locale, 'notice.reach.channel', { channel: t(locale, key), count }),
    );
    if (groups.length > 0)
      parts.push(t(locale, 'notice.reach.groups', { count: groups.length, owners: groupedOwners }));
    let reach = parts.length ? parts.join(t(locale, 'notice.reach.sep')) : t(locale, 'notice.reach.nobody');
    if (privateWechat > 0)
      reach += `\n${t(locale, n.audience === 'arrearsOnly' ? 'notice.reach.wechatArrears' : 'notice.reach.wechatPrivate', { count: privateWechat })}`;
    return t(locale, inGroup ? 'notice.preview.group' : 'notice.preview', {
      seq: n.seq,
      message: this.messageText(estate, n, this.now(), locale),
      audience: this.audienceLabel(n, locale),
      urgency: t(locale, n.urgent ? 'notice.urgent.yes' : 'notice.urgent.no'),
      picture: n.pictureUrl ? t(locale, 'notice.preview.picture') : '',
      reach,
    });
  }

  async draftBySeq(estateId: string, seq: number) {
    return this.repos.notices.bySeq(estateId, seq);
  }

  /**
   * Publishes a draft: the notice becomes SENT and its outbox rows are planned in one transaction. A notice that
   * would reach nobody is not published (it stays a draft) and is never reported as sent.
   */
  async confirm(estate: Estate, author: Author, seq: number | null): Promise<ConfirmResult> {
    const draft =
      seq === null
        ? await this.repos.notices.latestDraft(estate.id, author.staffId, author.channel, author.conversation)
        : await this.repos.notices.bySeq(estate.id, seq);
    if (!draft) return { ok: false, reason: seq === null ? 'noDraft' : 'notFound' };
    if (draft.status !== 'DRAFT') return { ok: false, reason: 'notDraft', seq: draft.seq };
    const at = this.now();
    const kind = draft.urgent ? 'urgent' : 'announcement';
    const startsAt = releaseAt(kind, at, estate.timezone);
    const groups = await this.groupsFor(estate, draft);
    const excludeChannels = this.groupedWechat(groups);
    // #20: the picture is stored once and every row carries its id; the dispatcher reads it at send time.
    const mediaId = draft.pictureUrl ? await this.storedPicture(draft.id, draft.pictureUrl) : null;
    // The frame (title line, signature, picture notes) is in the reader's language; title and body are what staff wrote.
    const imageMediaIn = (locale: Locale): ImageMediaRef | undefined =>
      mediaId
        ? {
            mediaId,
            caption: draft.title,
            altText: t(locale, 'notice.picture.attached'),
            missingText: t(locale, 'notice.picture.missing'),
          }
        : undefined;
    const messageIn = (locale: Locale) => {
      const text = this.messageText(estate, draft, at, locale);
      return {
        // A picture we hold no bytes of (e.g. a Telegram file id) is not silently dropped: the text says so.
        text: draft.pictureUrl && !mediaId ? `${text}\n\n${t(locale, 'notice.picture.missing')}` : text,
        template: {
          type: 'announcement' as const,
          estateId: estate.id,
          facts: { title: draft.title, estate: estate.name, date: formatLocal(at, estate.timezone, 'date') },
        },
      };
    };
    // Staff groups read zh-CN.
    const imageMedia = imageMediaIn('zh-CN');
    const message = messageIn('zh-CN');
    const outcome = await this.repos.notices
      .publish(
        {
          draftId: draft.id,
          sentAt: at,
          filter: this.filterOf(estate, draft, excludeChannels),
          fanOut: {
            noticeId: draft.id,
            kind,
            payload: toPayload(message, imageMedia),
            payloadEn: toPayload(messageIn('en'), imageMediaIn('en')),
            nextAttemptAt: startsAt,
            createdAt: at,
          },
          // One statement writes a row per recipient: 100k owners take seconds on a loaded machine (Prisma's default: 5 s).
          timeoutMs: 120_000,
        },
        async (store, privateCount) => {
          let groupCount = 0;
          for (const g of groups) {
            const target = this.groupTarget(g);
            if (!target) continue;
            const r = await enqueue(store, {
              ...target,
              isGroup: true,
              kind,
              message,
              dedupeKey: `notice:${draft.id}|group:${g.id}`,
              at,
              ...(imageMedia ? { imageMedia } : {}),
              notBefore: startsAt,
            });
            if (r.created) groupCount++;
          }
          if (privateCount + groupCount === 0) throw new NobodyReached();
          return groupCount;
        },
      )
      .catch((err: unknown) => {
        if (err instanceof NobodyReached) return { moved: 'nobody' as const };
        throw err;
      });
    if (outcome.moved === 'nobody') return { ok: false, reason: 'nobody', seq: draft.seq };
    if (!outcome.moved) return { ok: false, reason: 'notDraft', seq: draft.seq };
    return {
      ok: true,
      notice: { ...draft, status: 'SENT', sentAt: at },
      privateCount: outcome.privateCount,
      groupCount: outcome.groupCount,
      startsAt: startsAt.getTime() > at.getTime() ? startsAt : null,
    };
  }

  /**
   * The MediaFile id of a draft's picture: one already stored (`media:<id>`, WeChat / Official Account), or an inline
   * data: URL written once to `mediaDir`. null: we hold no bytes of it (a Telegram file id, a link).
   */
  private async storedPicture(noticeId: string, pictureUrl: string): Promise<string | null> {
    if (pictureUrl.startsWith('media:')) {
      const row = await this.repos.notices.mediaByContentUrl(pictureUrl);
      return row && row.mimeType.startsWith('image/') ? row.id : null;
    }
    const m = /^data:(image\/([\w.+-]+));base64,(.*)$/s.exec(pictureUrl);
    if (!m?.[1] || !m[2] || m[3] === undefined || !this.opts.mediaDir) return null;
    const data = Buffer.from(m[3], 'base64');
    if (data.length === 0 || data.length > PICTURE_MAX_BYTES) return null;
    const ext = m[2].replace(/[^\w]/g, '') || 'img';
    const fileName = `notice-${noticeId}.${ext}`;
    const file = path.join(this.opts.mediaDir, fileName);
    await mkdir(this.opts.mediaDir, { recursive: true });
    await writeFile(file, data);
    const row = await this.repos.media.save({
      channel: 'notice',
      externalId: noticeId,
      fileName,
      mimeType: m[1],
      path: file,
      sizeBytes: data.length,
    });
    return row.id;
  }

  confirmText(estate: Estate, r: ConfirmResult, locale: Locale, ref = ''): string {
    if (r.ok)
      return t(locale, 'notice.sent', {
        seq: r.notice.seq,
        private: r.privateCount,
        groups: r.groupCount ? t(locale, 'notice.sent.groups', { count: r.groupCount }) : '',
        quiet: r.startsAt ? t(locale, 'notice.sent.quiet', { at: formatLocal(r.startsAt, estate.timezone) }) : '',
      }).trim();
    switch (r.reason) {
      case 'nobody':
        return t(locale, 'notice.nobody', { seq: r.seq ?? '' });
      case 'notDraft':
        return t(locale, 'notice.notDraft', { seq: r.seq ?? '' });
      case 'noDraft':
        return t(locale, 'notice.noDraft');
      default:
        return t(locale, 'notice.notFound', { ref });
    }
  }

  /** Cancels a draft (the caller's newest in this chat when `seq` is null). */
  async cancel(estate: Estate, author: Author, seq: number | null, locale: Locale, ref = ''): Promise<string> {
    const draft =
      seq === null
        ? await this.repos.notices.latestDraft(estate.id, author.staffId, author.channel, author.conversation)
        : await this.repos.notices.bySeq(estate.id, seq);
    if (!draft) return t(locale, seq === null ? 'notice.noDraft' : 'notice.notFound', { ref });
    if (!(await this.repos.notices.cancelDraft(draft.id))) return t(locale, 'notice.notDraft', { seq: draft.seq });
    return t(locale, 'notice.cancelled', { seq: draft.seq });
  }

  /**
   * The recent notices meant for this person (estate-wide ones only when not bound to a unit); `personId` 'staff':
   * every notice of the estate (the desk answers owners' questions about any of them).
   */
  async recentText(estate: Estate, personId: string | null | 'staff', locale: Locale): Promise<string> {
    if (personId === 'staff') return this.listText(estate, await this.recentRows(estate), locale);
    const at = this.now();
    const mine = personId
      ? await this.repos.notices.unitsOfPerson(personId, localDateKey(at, estate.timezone))
      : { buildings: [] as string[], inArrears: false, none: true };
    const bound = personId !== null && mine.buildings.length > 0;
    const rows = (await this.recentRows(estate)).filter((n) => {
      switch (n.audience) {
        case 'all':
          return true;
        case 'buildings':
          return bound && buildingsOf(n).some((b) => mine.buildings.includes(b));
        case 'arrearsOnly':
          return bound && mine.inArrears;
        case 'arrearsExcluded':
          return bound && !mine.inArrears;
        default:
          return false;
      }
    });
    return this.listText(estate, rows, locale);
  }

  private recentRows(estate: Estate) {
    const since = new Date(this.now().getTime() - RECENT_DAYS * 86_400_000);
    return this.repos.notices.recent(estate.id, since, 50);
  }

  private listText(estate: Estate, rows: NoticeRow[], locale: Locale): string {
    const shown = rows.slice(0, RECENT_MAX);
    if (shown.length === 0) return t(locale, 'notice.list.empty', { days: RECENT_DAYS });
    return [
      t(locale, 'notice.list.head', { count: shown.length }),
      ...shown.map((n, i) =>
        t(locale, 'notice.list.line', {
          n: i + 1,
          date: formatLocal(n.sentAt ?? n.createdAt, estate.timezone, 'date'),
          urgent: n.urgent ? t(locale, 'notice.urgentTag') : '',
          title: n.title,
          body: n.body,
        }),
      ),
      t(locale, 'notice.list.foot', { deskPhone: estate.deskPhone }),
    ].join('\n');
  }

  /** 统计: notices sent in a month against the estate's target (our default). */
  async monthLine(
    estate: { id: string; settings: unknown },
    period: { from: Date; to: Date },
    locale: Locale = 'zh-CN',
  ): Promise<string> {
    const count = await this.repos.notices.countSent(estate.id, period.from, period.to);
    const target = this.settings(estate).monthlyTarget;
    return t(locale, 'notice.stats', {
      count,
      target,
      mark: t(locale, count >= target ? 'notice.stats.met' : 'notice.stats.notMet'),
    });
  }

  /** 注册群 业主群: this group chat becomes an owners' group (never a staff group at the same time). */
  async registerOwnerGroup(
    estate: Estate,
    g: { channel: string; chatId: string; title: string | null; conversationRef: string | null },
    locale: Locale,
  ): Promise<string> {
    if (await this.repos.notices.isStaffChat(g.channel, g.chatId)) return t(locale, 'notice.ownerGroup.isStaff');
    await this.repos.notices.registerOwnerGroup({ estateId: estate.id, ...g, at: this.now() });
    return t(locale, 'notice.ownerGroup.registered', { estate: estate.name });
  }
}

class NobodyReached extends Error {}

function buildingsOf(n: Pick<NoticeRow, 'buildings'>): string[] {
  if (!n.buildings) return [];
  const parsed = z.array(z.string()).safeParse(JSON.parse(n.buildings));
  return parsed.success ? parsed.data : [];
}
