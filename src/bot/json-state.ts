// ConversationState whose change detection is the state's JSON text itself instead of botbuilder's
// calculateChangeHash: that one runs botbuilder-stdlib's stringify (JSON.stringify with a replacer called on every
// value) and a SHA-256 three times a turn (after the read, before the write, after the write), a noticeable part of
// a turn's CPU (#15, bench/turn-profile.ts). Here: the text read from the database is the reference (a storage that
// cannot give it: one JSON.stringify after the read), one JSON.stringify before the write, which is also the text
// written, and it becomes the new reference. Behaviour is botbuilder's: a turn that changed nothing writes nothing,
// `force` writes anyway, clear() (hash '') forces the next save. The stored text is PrismaStorage's JSON.stringify of
// the same object, so what "changed" means is exactly what would be stored differently (botbuilder's `_replacer`
// hook, which the storage never honoured either, is not used by any state here).
import { ConversationState, type Storage, type TurnContext } from 'botbuilder';
import type { StoredState } from '../db/rows.js';

/**
 * A storage that reads an item together with the JSON text it is stored as, and writes a text it is given
 * (PrismaStorage): the state is then converted to JSON once a turn, for the change check, instead of three times.
 */
interface TextStorage {
  readText(key: string): Promise<StoredState | undefined>;
  writeText(key: string, item: object, text: string): Promise<void>;
}

function isTextStorage(storage: Storage): storage is Storage & TextStorage {
  const s = storage as Partial<TextStorage>;
  return typeof s.readText === 'function' && typeof s.writeText === 'function';
}

/** Turn-state key of a read handed in by preload(). */
const PRELOADED = Symbol('JsonConversationState.preloaded');

interface Cached {
  state: Record<string, unknown>;
  hash: string;
}

/**
 * A text storage's read as the turn's cached state: the stored text is the JSON of the item without its eTag, which is
 * what changeText would make of it.
 */
function cachedOf(read: StoredState | undefined): Cached {
  return read ? { state: read.item, hash: read.text } : { state: {}, hash: '{}' };
}

/** The state as it would be stored, without its eTag (which changes on every write and is no content). */
function changeText(state: Record<string, unknown>): string {
  const { eTag: _eTag, ...rest } = state;
  return JSON.stringify(rest);
}

export class JsonConversationState extends ConversationState {
  /**
   * BotState's turn-cache key (private in its typings; its clear(), delete() and get() use the same entry). Checked
   * at construction: a botbuilder upgrade that renames it fails every bot start and test, loudly.
   */
  private readonly cacheKey: symbol | string;

  constructor(...args: ConstructorParameters<typeof ConversationState>) {
    super(...args);
    const key = (this as unknown as { stateKey?: unknown }).stateKey;
    if (typeof key !== 'symbol' && typeof key !== 'string') throw new Error('botbuilder BotState: no stateKey');
    this.cacheKey = key;
  }

  /**
   * Hands this turn the state already read under `key` (with the sender's account, in the same statement, #15): the
   * turn's load() then takes it instead of reading again. Only for this turn's context, and only for a text storage
   * on the same table (the caller's wiring: WuyeBotDeps.stateReadWithIdentity); a later load(force) reads afresh.
   */
  preload(context: TurnContext, key: string, read: StoredState | undefined): void {
    context.turnState.set(PRELOADED, { key, read });
  }

  override async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const preloaded = context.turnState.get(PRELOADED) as { key: string; read: StoredState | undefined } | undefined;
    context.turnState.delete(PRELOADED);
    const cachedNow = preloaded && !force && preloaded.key === key ? cachedOf(preloaded.read) : await this.read(key);
    context.turnState.set(this.cacheKey, cachedNow);
    return cachedNow.state;
  }

  private async read(key: string): Promise<Cached> {
    if (isTextStorage(this.storage)) return cachedOf(await this.storage.readText(key));
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    return { state, hash: changeText(state) };
  }

  override async saveChanges(context: TurnContext, force = false): Promise<void> {
    let cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && !cached) return;
    cached ??= { state: {}, hash: '' };
    // The write below changes only the eTag, which is no content: this text is also the saved state's.
    const text = changeText(cached.state);
    if (!force && cached.hash === text) return;
    const key = await this.storageKey(context);
    cached.state.eTag = '*';
    if (isTextStorage(this.storage)) await this.storage.writeText(key, cached.state, text);
    else await this.storage.write({ [key]: cached.state });
    cached.hash = text;
    context.turnState.set(this.cacheKey, cached);
  }
}
