// An account whose language is English gets the identity, fee and key replies in English (zh-CN stays the default).
import { afterAll, beforeAll, expect, it } from 'vitest';
import { chatWith } from '../support/conversation.js';
import { demoBot, WEEKDAY_MORNING } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

describeEachDb('English-speaking owner', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  beforeAll(async () => {
    env = await demoBot(provider, () => WEEKDAY_MORNING);
    // First contact creates the chat account; then the owner's language is set to English.
    await say('你好', 'conv-hello');
    const changed = await env.db.prisma.channelIdentity.updateMany({
      where: { externalId: 'demo-owner' },
      data: { locale: 'en' },
    });
    expect(changed.count).toBe(1);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  /** One message in its own conversation; all replies (text and buttons) as one string. */
  async function say(text: string, conversationId: string): Promise<string> {
    const chat = chatWith(env.bot, { userId: 'demo-owner', conversationId });
    await chat.adapter.receiveActivity(text);
    return chat.adapter.activeQueue
      .splice(0)
      .map((a) => [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => String(x.title))].join('\n'))
      .join('\n');
  }

  it('household management (identity) answers in English', async () => {
    const reply = await say('家人', 'conv-household');
    expect(reply).toContain('Members of 3栋2单元1201:');
    expect(reply).toContain('· 刘洋 (Owner, 138****5678)');
    expect(reply).toContain('Add member');
    expect(reply).not.toContain('请选择要做的操作');
  });

  it('the property-fee balance answers in English', async () => {
    const reply = await say('物业费', 'conv-fees');
    expect(reply).toContain('How to pay: Pay at the front desk of the property service centre');
    expect(reply).toContain('Questions about your statement? Call');
    expect(reply).not.toContain('缴费方式');
  });

  it('the key service answers in English', async () => {
    const reply = await say('钥匙', 'conv-keys');
    expect(reply).toContain('Key deposit/pickup, reply with a number:');
    expect(reply).toContain('1 Leave keys');
    expect(reply).not.toContain('寄存钥匙');
  });
});
