import { describe, it, expect } from 'vitest';
import { parseUpdate, updateToActivity } from '../../../adapters/telegram/activity-mapper.js';

const bot = { id: '123456', name: 'WuyeBot' };

function activityOf(raw: unknown) {
  const parsed = parseUpdate(raw);
  if (!parsed.ok) throw new Error(parsed.error);
  return updateToActivity(parsed.update, bot, 'https://api.telegram.org', () => '');
}

const groupMessage = (extra: Record<string, unknown>) => ({
  update_id: 10,
  message: {
    message_id: 77,
    date: 1_760_000_000,
    chat: { id: -100, type: 'supergroup', title: '客服助理群' },
    from: { id: 42, first_name: '王' },
    text: '认领',
    ...extra,
  },
});

describe('Telegram activity mapper — replies', () => {
  it('puts the replied-to message text in channelData.quotedText and its id in replyToId', () => {
    const a = activityOf(
      groupMessage({
        reply_to_message: {
          message_id: 70,
          date: 1_759_999_000,
          chat: { id: -100, type: 'supergroup' },
          text: '【新投诉】TS-20261128-0007 漏水',
        },
      }),
    );
    expect(a?.text).toBe('认领');
    expect(a?.replyToId).toBe('70');
    expect(a?.channelData).toMatchObject({ quotedText: '【新投诉】TS-20261128-0007 漏水', update_id: 10 });
  });

  it('uses the caption when the replied-to message is a photo', () => {
    const a = activityOf(groupMessage({ reply_to_message: { message_id: 71, caption: '【装修审批】新申请 #12' } }));
    expect((a?.channelData as { quotedText?: string }).quotedText).toBe('【装修审批】新申请 #12');
  });

  it('leaves quotedText unset on a plain message', () => {
    const a = activityOf(groupMessage({}));
    expect(a?.replyToId).toBeUndefined();
    expect((a?.channelData as { quotedText?: string }).quotedText).toBeUndefined();
  });
});
