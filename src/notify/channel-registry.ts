// Channels that describe themselves. Each adapter exports a ChannelDescriptor (adapters/<name>/<name>.channel.ts:
// plain data, no SDK) and the composition root registers them in the registry it created (adapters/channels.ts) and
// passes on; the notifier, the dispatcher and the rate limits ask that registry instead of knowing the channel list.
// A channel nobody registered is an error — at start-up for rows already stored (ChannelRegistry.unknown), a dead
// letter that says so at dispatch — never a silent fallback to Bot Framework.
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { z } from 'zod';
import type { AddressRule } from '../db/notice.repo.js';
import type { ChannelLimits, RateLimits } from './rate-limiter.js';

/** A chat account as stored (ChannelIdentity). */
export interface IdentityRow {
  channel: string;
  externalId: string;
  conversationRef: string | null;
}

/** A registered staff group as stored (StaffChat). */
export interface GroupRow {
  channel: string;
  chatId: string;
  conversationRef?: string | null;
}

export interface ChannelCapabilities {
  /** 'inline': real buttons; 'numbered-menu': "1. 投诉" lines answered by "1"; 'cards': Bot Framework suggested actions. */
  buttons: 'inline' | 'numbered-menu' | 'cards';
  images: boolean;
  files: boolean;
  /** Staff group chats can be registered on it. */
  groups: boolean;
}

export interface ChannelRouteSpec {
  path: string;
  methods: readonly string[];
}

/** The handler an adapter instance serves a route with (src/http mounts it). */
export type HttpHandler = ((req: IncomingMessage, res: ServerResponse) => Promise<void> | void) & {
  methods?: readonly string[];
};

export interface ChannelDescriptor {
  /** The channel id of outbox rows and of the running Channel (`Channel.name`); unique in a registry. */
  readonly id: string;
  /** What speaks it ('wechat', 'wechat-oa', 'telegram'…): two accounts of one kind have one kind and two ids. */
  readonly kind: string;
  /**
   * Bot Framework only: the connector's own channel ids (msteams, webchat, emulator…) this channel carries, stored on
   * ChannelIdentity/StaffChat instead of `id`. Ids another registered channel owns are never matched.
   */
  readonly hostsChannelId?: (channelId: string) => boolean;
  /**
   * How a chat account's outbox address is made: `prefix + externalId`, or its stored conversation reference (an
   * account without one cannot be reached proactively). Data, not a function, so one SQL statement can apply it to
   * every stored account at once (the 公告 fan-out).
   */
  readonly identityAddress: IdentityAddressForm;
  /** A registered group's outbox address; null when it cannot be posted to. Absent: the channel has no groups. */
  groupAddress?(c: GroupRow): string | null;
  /** Default send limits (design §4); `limitsFor(config)` when a setting changes them. */
  readonly limits?: ChannelLimits;
  limitsFor?(config: Readonly<Record<string, unknown>>): ChannelLimits;
  /** Its environment variables (gathered by src/config.ts), and cross-field checks on them. */
  readonly config?: {
    shape: z.ZodRawShape;
    refine?: (env: Record<string, unknown>, ctx: z.RefinementCtx) => void;
  };
  /** Paths it serves on our HTTP server (the instance supplies the handlers). */
  readonly routes: readonly ChannelRouteSpec[];
  readonly capabilities: ChannelCapabilities;
}

/**
 * How a channel addresses a chat account, as data one SQL statement can apply to every stored account at once (the
 * 公告 fan-out, src/db/notice.repo.ts): `prefix + externalId`, or the stored conversation reference (an account
 * without one is unreachable). `hosted`: the accounts are stored under the connector's channel ids, not `channel`.
 */
export type IdentityAddressForm = { from: 'externalId'; prefix: string } | { from: 'conversationRef' };

/** A chat account's outbox address by its channel's form; null when it cannot be reached proactively. */
function addressBy(form: IdentityAddressForm, i: IdentityRow): string | null {
  return form.from === 'externalId' ? `${form.prefix}${i.externalId}` : i.conversationRef;
}

export class UnknownChannelError extends Error {
  constructor(
    readonly channel: string,
    known: readonly string[],
  ) {
    super(`channel "${channel}" is not registered (known: ${known.join(', ') || 'none'}); no adapter describes it`);
    this.name = 'UnknownChannelError';
  }
}

export class ChannelRegistry {
  private readonly byId = new Map<string, ChannelDescriptor>();

  constructor(descriptors: readonly ChannelDescriptor[] = []) {
    for (const d of descriptors) this.register(d);
  }

  /** Adds a channel. The same descriptor twice is a no-op; another one under a taken id is refused. */
  register(d: ChannelDescriptor): this {
    const had = this.byId.get(d.id);
    if (had && had !== d) throw new Error(`channel id "${d.id}" is already registered (by a "${had.kind}" channel)`);
    // An id Bot Framework would also carry would make its accounts ambiguous (reserve it in src/shared/channel-ids.ts).
    for (const other of this.byId.values()) {
      const clash =
        (d.hostsChannelId && !other.hostsChannelId && d.hostsChannelId(other.id) && other.id) ||
        (!d.hostsChannelId && other.hostsChannelId?.(d.id) && d.id);
      if (clash) throw new Error(`channel id "${clash}" is also carried by Bot Framework: choose an adapter id`);
    }
    this.byId.set(d.id, d);
    return this;
  }

  ids(): string[] {
    return [...this.byId.keys()];
  }

  get(id: string): ChannelDescriptor | undefined {
    return this.byId.get(id);
  }

  /** The descriptor of an outbox channel id; throws UnknownChannelError. */
  require(id: string): ChannelDescriptor {
    const d = this.byId.get(id);
    if (!d) throw new UnknownChannelError(id, this.ids());
    return d;
  }

  /** The channel that carries a stored account's/group's channel id (exact id first, then a Bot Framework host). */
  forStoredChannel(channelId: string): ChannelDescriptor | undefined {
    const own = this.byId.get(channelId);
    if (own) return own;
    for (const d of this.byId.values()) if (d.hostsChannelId?.(channelId)) return d;
    return undefined;
  }

  /** Outbox channel id + address of a chat account; undefined for an unknown channel, null when unreachable. */
  identityTarget(i: IdentityRow): { channel: string; address: string | null } | undefined {
    const d = this.forStoredChannel(i.channel);
    return d ? { channel: d.id, address: addressBy(d.identityAddress, i) } : undefined;
  }

  /** Outbox channel id + address of a registered group; undefined for an unknown channel, null when unreachable. */
  groupTarget(c: GroupRow): { channel: string; address: string | null } | undefined {
    const d = this.forStoredChannel(c.channel);
    return d ? { channel: d.id, address: d.groupAddress?.(c) ?? null } : undefined;
  }

  /** Each channel's AddressRule: its address form, and whether its accounts are stored under hosted ids. */
  identityAddressRules(): AddressRule[] {
    return [...this.byId.values()].map((d) => ({
      channel: d.id,
      hosted: d.hostsChannelId !== undefined,
      from: d.identityAddress.from,
      prefix: d.identityAddress.from === 'externalId' ? d.identityAddress.prefix : '',
    }));
  }

  /** Every registered channel's send limits, with `config` applied where a channel reads a setting. */
  limits(config: Readonly<Record<string, unknown>> = {}): RateLimits {
    const out: RateLimits = {};
    for (const d of this.byId.values()) {
      const l = d.limitsFor ? d.limitsFor(config) : d.limits;
      if (l) out[d.id] = l;
    }
    return out;
  }

  /**
   * Stored channel ids nobody registered: start-up refuses them (a notice for them would otherwise be lost quietly).
   * `outbox` are outbox rows' channel ids (registered ids only); `stored` are ChannelIdentity/StaffChat channel ids.
   */
  unknown(used: { outbox: readonly string[]; stored: readonly string[] }): string[] {
    const bad = new Set<string>();
    for (const c of used.outbox) if (!this.byId.has(c)) bad.add(c);
    for (const c of used.stored) if (!this.forStoredChannel(c)) bad.add(c);
    return [...bad].sort();
  }
}

/**
 * An empty registry. The composition root (src/main.ts, src/cli.ts) creates one, registers the channels in it
 * (adapters/channels.ts) and passes it to whoever asks it: the notifier, the dispatcher, the start-up check. Tests
 * build their own. There is no process-wide registry.
 */
export function createChannelRegistry(descriptors: readonly ChannelDescriptor[] = []): ChannelRegistry {
  return new ChannelRegistry(descriptors);
}
