// Sends the outbox: claims due rows under a lease, applies quiet hours, rate limits and digests, calls the channel,
// then marks the rows. A crash between send and mark means the lease expires and the row is sent again: at most one
// duplicate, never a loss.
import crypto from 'node:crypto';
import { readFile } from 'node:fs/promises';
import os from 'node:os';
import type { Channel, OutboundMessage, SendResult } from './channel.js';
import type { OutboxDispatchRepository, OutboxRow, Repositories } from '../db/repositories.js';
import { buildDigest, DEFAULT_DIGEST } from './digest.js';
import { outboxPayloadSchema, toOutbound, type OutboxPayload } from './outbox.js';
import { DEFAULT_QUIET_POLICIES, releaseAt, type QuietPolicy } from './quiet-hours.js';
import { RateLimiter, type RateLimits, type SendTarget } from './rate-limiter.js';
import { UnknownChannelError, type ChannelRegistry } from './channel-registry.js';
import { LocalSendSlots, SharedSendSlots, type SendSlots } from './shared-rate-limiter.js';
import type { Clock } from '../shared/clock.js';

export interface DispatcherLogger {
  info(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
  error(obj: object, msg: string): void;
}

// ── #21 delivery gate ──
/**
 * A channel whose proactive sends need more than a rate limit (the WeChat Official Account's customer-service window):
 * the gate delivers the message itself — as a chat message, a template message — or says it must be held for the
 * recipient (HELD: not an attempt, not a dead letter; listed for staff). See src/notify/service-window.ts.
 */
export interface DeliveryGate {
  deliver(req: { address: string; kind: string; message: OutboundMessage }): Promise<GateResult>;
}
export type GateResult = SendResult | { ok: false; held: true; reason: string };

export interface DigestSettings {
  /** Group messages due within this long after the first one go out with it. */
  windowMs: number;
  maxItems: number;
  maxChars: number;
}

export interface DispatcherOptions {
  /** The outbox, and the send ledger when the limits are shared (the root bundle: the ledger opens transactions). */
  repos: Pick<Repositories, 'outboxDispatch' | 'sendLedger'>;
  channels: Map<string, Channel>;
  /**
   * The composition root's channel registry: each registered channel's default send limits (when `limits` is absent)
   * and which channel ids exist — a row for one nobody registered is a dead letter at once, one for a registered
   * channel that is not running is retried. Absent: no default limits, and every channel not running is retried.
   */
  registry?: ChannelRegistry;
  limits?: RateLimits;
  now: Clock;
  logger?: DispatcherLogger;
  /** Failed sends before a message becomes a dead letter. */
  maxAttempts?: number;
  /** How long a claim holds; a row whose claimer died comes back after this. Must exceed the slowest send. */
  leaseMs?: number;
  /** Rows claimed per tick. */
  batchSize?: number;
  /** Sends in flight at once within a tick. */
  concurrency?: number;
  /** The estate's zone, for quiet hours and daily caps. */
  timeZone?: string;
  quietPolicies?: Readonly<Record<string, QuietPolicy>>;
  /** false: never merge. */
  digest?: Partial<DigestSettings> | false;
  /** [0, 1) — injected so tests can pin the backoff jitter. */
  random?: () => number;
  workerId?: string;
  /** Interval of start()'s loop. */
  intervalMs?: number;
  /** How long messages for a channel that is not ready (Channel.isReady() false) wait before the next look. */
  notReadyDelayMs?: number;
  /** #21: per channel name, a gate that delivers instead of `channel.send` (WeChat OA window and templates). */
  gates?: ReadonlyMap<string, DeliveryGate>;
  /**
   * #17: keep the send limits in the database so every instance shares them. Default: on PostgreSQL (several
   * instances), off on SQLite (one process; the limits stay in memory).
   */
  sharedLimits?: boolean;
  /** #20: reads a stored picture (MediaFile.path); injected so tests can count or fail reads. */
  readMedia?: (path: string) => Promise<Buffer>;
}

/** A stored picture read for one tick (null: gone or unreadable). */
type StoredImage = { data: Buffer; mimeType: string; name: string } | null;

export interface TickResult {
  sent: number;
  failed: number;
  dead: number;
  deferred: number;
  /** #21: held for the recipient's next message (outside a customer-service window, no template). */
  held: number;
}

interface Item {
  row: OutboxRow;
  payload: OutboxPayload;
}

const BACKOFF_BASE_MS = 5_000;
const BACKOFF_CAP_MS = 3_600_000;
const BACKOFF_MIN_MS = 1_000;
/** Kinds that always go alone: an emergency must not hide inside a digest. */
const NEVER_MERGED_KINDS = ['urgent'];

/** Full-jitter exponential backoff after `failedAttempts` (≥ 1) failures: random in [0, min(1 h, 5 s × 2^(n−1))]. */
export function backoffMs(failedAttempts: number, random: () => number = Math.random): number {
  const ceiling = Math.min(BACKOFF_CAP_MS, BACKOFF_BASE_MS * 2 ** Math.max(0, failedAttempts - 1));
  return Math.max(BACKOFF_MIN_MS, Math.floor(random() * ceiling));
}

const silentLogger: DispatcherLogger = { info: () => undefined, warn: () => undefined, error: () => undefined };

export class Dispatcher {
  private readonly outbox: OutboxDispatchRepository;
  private readonly channels: Map<string, Channel>;
  private readonly registry: ChannelRegistry | undefined;
  private readonly now: () => Date;
  private readonly logger: DispatcherLogger;
  private readonly maxAttempts: number;
  private readonly leaseMs: number;
  private readonly batchSize: number;
  private readonly concurrency: number;
  private readonly timeZone: string;
  private readonly quietPolicies: Readonly<Record<string, QuietPolicy>>;
  private readonly digest: DigestSettings | false;
  private readonly random: () => number;
  private readonly intervalMs: number;
  private readonly notReadyDelayMs: number;
  private readonly gates: ReadonlyMap<string, DeliveryGate>;
  private readonly readMedia: (path: string) => Promise<Buffer>;
  readonly workerId: string;
  /** The in-process limits (used unless the limits are shared through the database). */
  readonly limiter: RateLimiter;
  readonly slots: SendSlots;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;

  constructor(opts: DispatcherOptions) {
    this.outbox = opts.repos.outboxDispatch;
    this.channels = opts.channels;
    this.registry = opts.registry;
    this.now = opts.now;
    this.logger = opts.logger ?? silentLogger;
    this.maxAttempts = opts.maxAttempts ?? 8;
    this.leaseMs = opts.leaseMs ?? 60_000;
    this.batchSize = opts.batchSize ?? 100;
    this.concurrency = opts.concurrency ?? 4;
    this.timeZone = opts.timeZone ?? 'Asia/Shanghai';
    this.quietPolicies = opts.quietPolicies ?? DEFAULT_QUIET_POLICIES;
    this.digest = opts.digest === false ? false : { ...DEFAULT_DIGEST, ...opts.digest };
    this.random = opts.random ?? Math.random;
    this.intervalMs = opts.intervalMs ?? 1_000;
    this.notReadyDelayMs = opts.notReadyDelayMs ?? 15_000;
    this.gates = opts.gates ?? new Map();
    this.readMedia = opts.readMedia ?? ((p) => readFile(p));
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${crypto.randomBytes(3).toString('hex')}`;
    // Absent: each registered channel's default limits (the channel registry).
    const limits = opts.limits ?? opts.registry?.limits() ?? {};
    this.limiter = new RateLimiter(limits, this.now, this.timeZone);
    this.slots =
      (opts.sharedLimits ?? this.outbox.multiInstance)
        ? new SharedSendSlots({
            ledger: opts.repos.sendLedger,
            limits,
            now: this.now,
            timeZone: this.timeZone,
            staleAfterMs: this.leaseMs,
          })
        : new LocalSendSlots(this.limiter);
  }

  /** One pass: claim what is due, send what may go now, put the rest back for later. */
  async tick(): Promise<TickResult> {
    const result: TickResult = { sent: 0, failed: 0, dead: 0, deferred: 0, held: 0 };
    const now = this.now();
    const rows = await this.outbox.claimDue({
      workerId: this.workerId,
      now,
      leaseMs: this.leaseMs,
      limit: this.batchSize,
    });

    const ready: Item[] = [];
    for (const row of rows) {
      const parsed = outboxPayloadSchema.safeParse(row.payload);
      if (!parsed.success) {
        await this.outbox.markDead(row, {
          attempts: row.attempts + 1,
          lastError: `invalid payload: ${parsed.error.message}`,
        });
        result.dead++;
        continue;
      }
      const release = this.quietUntil(row.kind, now);
      if (release.getTime() > now.getTime()) {
        if (await this.outbox.release(row, { nextAttemptAt: release })) result.deferred++;
        continue;
      }
      ready.push({ row, payload: parsed.data });
    }

    // One unit = one send: a single message, or every digestible message for one group.
    const units: Item[][] = [];
    const byGroup = new Map<string, Item[]>();
    for (const item of ready) {
      if (!this.isDigestible(item)) {
        units.push([item]);
        continue;
      }
      const key = `${item.row.channel}|${item.row.address}`;
      const unit = byGroup.get(key);
      if (unit) unit.push(item);
      else {
        const fresh = [item];
        byGroup.set(key, fresh);
        units.push(fresh);
      }
    }

    // #20: one read per stored picture per tick, however many rows share it.
    const images = new Map<string, Promise<StoredImage>>();
    await runPool(units, this.concurrency, async (unit) => {
      try {
        await this.dispatchUnit(unit, now, result, images);
      } catch (err) {
        // Rows stay claimed and come back when the lease expires.
        this.logger.error({ err, ids: unit.map((i) => i.row.id) }, 'outbox dispatch failed');
      }
    });
    return result;
  }

  /** Runs tick() every intervalMs (never two at once) until stop(). */
  start(): void {
    if (this.timer) return;
    this.timer = setInterval(() => {
      if (this.running) return;
      this.running = this.tick()
        .then((r) => {
          if (r.dead > 0) this.logger.warn({ ...r }, 'outbox: messages moved to dead letters');
        })
        .catch((err: unknown) => this.logger.error({ err }, 'outbox tick failed'))
        .finally(() => {
          this.running = undefined;
        });
    }, this.intervalMs);
    this.timer.unref();
  }

  /** Stops the loop and waits for the pass in flight. */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    this.timer = undefined;
    await this.running;
    if (this.slots instanceof SharedSendSlots) await this.slots.idle();
  }

  /** When a message of `kind` may go out: `now`, or the end of its quiet hours. */
  private quietUntil(kind: string, now: Date): Date {
    return releaseAt(kind, now, this.timeZone, this.quietPolicies);
  }

  private isDigestible(item: Item): boolean {
    return (
      this.digest !== false &&
      item.row.isGroup &&
      !NEVER_MERGED_KINDS.includes(item.row.kind) &&
      item.payload.imagePngBase64 === undefined &&
      item.payload.imageMediaId === undefined &&
      !item.payload.suggestions?.length
    );
  }

  private async dispatchUnit(
    unit: Item[],
    now: Date,
    result: TickResult,
    images: Map<string, Promise<StoredImage>>,
  ): Promise<void> {
    const lead = unit[0];
    if (!lead) return;
    const target: SendTarget = { channel: lead.row.channel, address: lead.row.address, isGroup: lead.row.isGroup };
    const channel = this.channels.get(target.channel);
    if (!channel) {
      // Registered but not started (e.g. its token unset): retried, it may come back. Nobody describes it: dead now.
      const registry = this.registry;
      const known = !registry || registry.get(target.channel) !== undefined || registry.ids().length === 0;
      const error = known
        ? `channel "${target.channel}" is not running`
        : new UnknownChannelError(target.channel, registry.ids()).message;
      for (const item of unit)
        await this.fail(item.row, { ok: false, error, ...(known ? {} : { permanent: true }) }, now, target, result);
      return;
    }
    if (channel.isReady?.() === false) {
      // Logged out / reconnecting: not an attempt, or a long logout would turn every waiting message into a dead letter.
      const nextAttemptAt = new Date(now.getTime() + this.notReadyDelayMs);
      for (const item of unit) {
        if (await this.outbox.release(item.row, { nextAttemptAt, lastError: `channel "${target.channel}" not ready` }))
          result.deferred++;
      }
      return;
    }
    const slot = await this.slots.acquire(target);
    if (!slot.ok) {
      // Not an attempt: the message is fine, the channel is just busy.
      for (const item of unit)
        if (await this.outbox.release(item.row, { nextAttemptAt: slot.retryAt })) result.deferred++;
      return;
    }

    let items = unit;
    let message: OutboundMessage = await this.withStoredImage(lead.payload, toOutbound(lead.payload), images);
    if (this.digest !== false && this.isDigestible(lead)) {
      items = [...unit, ...(await this.companions(target, now, this.digest))];
      if (items.length > 1) {
        const digest = buildDigest(
          items.map((i) => ({ id: i.row.id, text: i.payload.text, createdAt: i.row.createdAt })),
          { maxItems: this.digest.maxItems, maxChars: this.digest.maxChars, timeZone: this.timeZone },
        );
        const included = new Set(digest.includedIds);
        for (const item of items) {
          if (!included.has(item.row.id))
            await this.outbox.release(item.row, { nextAttemptAt: item.row.nextAttemptAt });
        }
        items = items.filter((i) => included.has(i.row.id));
        message = { text: digest.text };
      }
    }

    if (message.image && !channel.supportsImages) message = withoutImage(message);
    if (message.file && !channel.supportsFiles) message = withoutFile(message);
    let res: GateResult;
    // #21: a gated channel (WeChat OA) decides between a chat message, a template message and holding it.
    const gate = this.gates.get(target.channel);
    try {
      res = gate
        ? await gate.deliver({ address: target.address, kind: lead.row.kind, message })
        : await channel.send(target.address, message);
    } catch (err) {
      res = { ok: false, error: err instanceof Error ? err.message : String(err) };
    }
    // Never lose the outcome to a failing ledger write: the send happened, its rows must be marked.
    await this.slots
      .ended(target, slot.ticket)
      .catch((err: unknown) => this.logger.error({ err }, 'outbox: could not record the end of a send'));
    if (!res.ok && 'held' in res) {
      for (const item of items) if (await this.outbox.hold(item.row, res.reason)) result.held++;
      return;
    }
    const at = this.now();
    if (res.ok) {
      const first = items[0];
      const marked = await this.outbox.markSent(
        items.map((i) => i.row),
        at,
        items.length > 1 && first ? first.row.id : undefined,
      );
      result.sent += marked;
      if (marked < items.length)
        this.logger.warn(
          { ids: items.map((i) => i.row.id) },
          'outbox: lease lost before marking sent (a duplicate may follow)',
        );
      return;
    }
    for (const item of items) await this.fail(item.row, res, at, target, result);
  }

  /**
   * #20: a payload that refers to a stored picture gets its bytes (read once per tick). A picture that cannot be read
   * never holds the text back: the text goes with the payload's note instead.
   */
  private async withStoredImage(
    payload: OutboxPayload,
    message: OutboundMessage,
    images: Map<string, Promise<StoredImage>>,
  ): Promise<OutboundMessage> {
    const id = payload.imageMediaId;
    if (id === undefined || message.image) return message;
    let pending = images.get(id);
    if (!pending) {
      pending = this.loadImage(id);
      images.set(id, pending);
    }
    const stored = await pending;
    if (!stored) {
      const note = payload.imageMissingText;
      return note ? { ...message, text: [message.text, note].filter((t) => t !== '').join('\n\n') } : message;
    }
    const image: NonNullable<OutboundMessage['image']> = {
      png: stored.data,
      mimeType: stored.mimeType,
      name: stored.name,
    };
    if (payload.imageCaption !== undefined) image.caption = payload.imageCaption;
    if (payload.imageAltText !== undefined) image.altText = payload.imageAltText;
    return { ...message, image };
  }

  private async loadImage(id: string): Promise<StoredImage> {
    try {
      const row = await this.outbox.mediaById(id);
      if (!row || !row.mimeType.startsWith('image/')) return null;
      return { data: await this.readMedia(row.path), mimeType: row.mimeType, name: row.fileName };
    } catch (err) {
      this.logger.warn({ err, mediaId: id }, 'outbox: stored picture unreadable, sending the text alone');
      return null;
    }
  }

  /** Further PENDING messages for the same group due within the window, that may go now. */
  private async companions(target: SendTarget, now: Date, digest: DigestSettings): Promise<Item[]> {
    const rows = await this.outbox.claimGroupCompanions({
      workerId: this.workerId,
      now,
      leaseMs: this.leaseMs,
      limit: digest.maxItems,
      channel: target.channel,
      address: target.address,
      dueBefore: new Date(now.getTime() + digest.windowMs),
      excludeKinds: NEVER_MERGED_KINDS,
    });
    const out: Item[] = [];
    for (const row of rows) {
      const parsed = outboxPayloadSchema.safeParse(row.payload);
      const item = parsed.success ? { row, payload: parsed.data } : undefined;
      const quiet = this.quietUntil(row.kind, now).getTime() > now.getTime();
      if (item && !quiet && this.isDigestible(item)) out.push(item);
      else await this.outbox.release(row, { nextAttemptAt: row.nextAttemptAt });
    }
    return out;
  }

  private async fail(
    row: OutboxRow,
    res: Extract<SendResult, { ok: false }>,
    at: Date,
    target: SendTarget,
    result: TickResult,
  ): Promise<void> {
    const attempts = row.attempts + 1;
    if (res.permanent || attempts >= this.maxAttempts) {
      if (await this.outbox.markDead(row, { attempts, lastError: res.error })) {
        result.dead++;
        this.logger.warn(
          { id: row.id, channel: row.channel, kind: row.kind, attempts, error: res.error },
          'outbox: dead letter',
        );
      }
      return;
    }
    let next: number;
    if (res.retryAfterMs !== undefined) {
      next = at.getTime() + res.retryAfterMs;
      await this.slots
        .blockUntil(target, new Date(next))
        .catch((err: unknown) => this.logger.error({ err }, 'outbox: could not record a channel block'));
    } else {
      next = at.getTime() + backoffMs(attempts, this.random);
    }
    if (await this.outbox.release(row, { nextAttemptAt: new Date(next), attempts, lastError: res.error }))
      result.failed++;
  }
}

/**
 * For a channel that cannot show images: the text, then the image's content as text (its alt text, e.g. a report's
 * table), or at least its caption — never a silent drop of what the picture said.
 */
export function withoutImage(message: OutboundMessage): OutboundMessage {
  const { image, ...rest } = message;
  const instead = image?.altText ?? (image?.caption !== undefined ? `（图：${image.caption}）` : undefined);
  return {
    ...rest,
    text: instead === undefined ? rest.text : [rest.text, instead].filter((t) => t !== '').join('\n\n'),
  };
}

/** For a channel that cannot take documents: the text, then what the file was (its alt text, else its name). */
export function withoutFile(message: OutboundMessage): OutboundMessage {
  const { file, ...rest } = message;
  const instead = file?.altText ?? (file ? `（文件：${file.name}）` : undefined);
  return {
    ...rest,
    text: instead === undefined ? rest.text : [rest.text, instead].filter((t) => t !== '').join('\n\n'),
  };
}

async function runPool<T>(items: T[], size: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async (): Promise<void> => {
    for (;;) {
      const item = items[next++];
      if (item === undefined) return;
      await fn(item);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(size, items.length)) }, worker));
}
