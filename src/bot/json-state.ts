// ConversationState whose change detection is the state's JSON text itself instead of botbuilder's
// calculateChangeHash: that one runs botbuilder-stdlib's stringify (JSON.stringify with a replacer called on every
// value) and a SHA-256 three times a turn (after the read, before the write, after the write), a noticeable part of
// a turn's CPU (#15, bench/turn-profile.ts). Here: one plain JSON.stringify after the read, one before the write, and
// the text written becomes the new reference. Behaviour is botbuilder's: a turn that changed nothing writes nothing,
// `force` writes anyway, clear() (hash '') forces the next save. The stored text is PrismaStorage's JSON.stringify of
// the same object, so what "changed" means is exactly what would be stored differently (botbuilder's `_replacer`
// hook, which the storage never honoured either, is not used by any state here).
import { ConversationState, type TurnContext } from 'botbuilder';

interface Cached {
  state: Record<string, unknown>;
  hash: string;
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

  override async load(context: TurnContext, force = false): Promise<any> {
    const cached = context.turnState.get(this.cacheKey) as Cached | undefined;
    if (!force && cached?.state) return cached.state;
    const key = await this.storageKey(context);
    const items = await this.storage.read([key]);
    const state = (items[key] ?? {}) as Record<string, unknown>;
    context.turnState.set(this.cacheKey, { state, hash: changeText(state) } satisfies Cached);
    return state;
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
    await this.storage.write({ [key]: cached.state });
    cached.hash = text;
    context.turnState.set(this.cacheKey, cached);
  }
}
