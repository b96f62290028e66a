// Conversation tests as tables: [what the owner says, what the bot answers (one entry per reply)].
// Runs the real WuyeBot (real dialogs, real database) through botbuilder's TestAdapter.
import crypto from 'node:crypto';
import { TestAdapter, type Activity } from 'botbuilder';
import { expect } from 'vitest';
import type { WuyeBot } from '../../src/bot/wuye.bot.js';
import type { ReceivedBy } from '../../src/bot/turn-handler.js';

/**
 * The adapter a test adapter stands in for, by the channel id its activities carry: the test plays that channel's
 * adapter (which is what vouches for the sender); any other channel id is a Bot Framework channel.
 */
export function receiverOf(channelId: string | undefined): ReceivedBy {
  return channelId === 'console' || channelId === 'telegram' || channelId === 'wechat' || channelId === 'wechat-oa'
    ? channelId
    : 'botframework';
}

export type Expect = string | RegExp | ((reply: Partial<Activity>) => void);
export type Row = [string, ...Expect[]];
/** A row that sends a whole activity (e.g. a reply carrying channelData.quotedText) instead of a text. */
export type ActivityRow = [Partial<Activity>, ...Expect[]];

export interface Chat {
  adapter: TestAdapter;
  /** Plays the rows in order; each bot reply must contain the expected text (or match / pass the check). */
  converse(rows: Array<Row | ActivityRow>): Promise<void>;
}

/** Message ids unique across adapters, as real channels give them (the bot dedupes on them). */
class ChannelLikeTestAdapter extends TestAdapter {
  override processActivity(
    activity: string | Partial<Activity>,
    callback?: Parameters<TestAdapter['processActivity']>[1],
  ) {
    const request = typeof activity === 'string' ? { type: 'message', text: activity } : activity;
    return super.processActivity({ ...request, id: request.id ?? crypto.randomUUID() }, callback);
  }
}

export function chatWith(
  bot: WuyeBot,
  opts: { userId?: string; conversationId?: string; channelId?: string; isGroup?: boolean } = {},
): Chat {
  const adapter = new ChannelLikeTestAdapter((ctx) => bot.onTurn(ctx, receiverOf(ctx.activity.channelId)), {
    channelId: opts.channelId ?? 'console',
    conversation: {
      id: opts.conversationId ?? `conv-${crypto.randomUUID()}`,
      isGroup: opts.isGroup ?? false,
      name: 'test',
      conversationType: opts.isGroup ? 'group' : 'personal',
    },
    from: { id: opts.userId ?? 'demo-owner', name: 'owner' },
    recipient: { id: 'bot', name: 'WuyeDesk' },
  } as Partial<Activity>);
  adapter.onTurnError = (ctx, err) => bot.onTurnError(ctx, err);
  return {
    adapter,
    async converse(rows) {
      let flow: ReturnType<TestAdapter['send']> | TestAdapter = adapter;
      for (const [says, ...replies] of rows) {
        flow = (flow as TestAdapter).send(says);
        for (const e of replies) {
          flow = flow.assertReply((reply) =>
            check(reply, e, typeof says === 'string' ? says : (says.text ?? '[activity]')),
          );
        }
      }
      await flow;
    },
  };
}

export function check(reply: Partial<Activity>, e: Expect, says: string): void {
  const text = reply.text ?? '';
  if (typeof e === 'string') expect(text, `reply to「${says}」`).toContain(e);
  else if (e instanceof RegExp) expect(text, `reply to「${says}」`).toMatch(e);
  else e(reply);
}

/** The titles of a reply's suggested actions (buttons / numbered menu). */
export function buttons(reply: Partial<Activity>): string[] {
  return (reply.suggestedActions?.actions ?? []).map((a) => String(a.title));
}

/** A console message from `from` in a personal conversation, as the console adapter hands it to the bot. */
export function consoleMessage(opts: {
  conversationId: string;
  text: string;
  id?: string;
  from?: string;
  name?: string;
}) {
  return {
    type: 'message',
    ...(opts.id !== undefined ? { id: opts.id } : {}),
    channelId: 'console',
    conversation: { id: opts.conversationId, isGroup: false, name: '', conversationType: 'personal' },
    from: { id: opts.from ?? 'demo-owner', name: opts.name ?? '刘洋' },
    recipient: { id: 'bot', name: 'bot' },
    text: opts.text,
  } satisfies Partial<Activity>;
}
