import { describe, it, expect } from 'vitest';
import { parseWechatQuote, toActivity } from '../../../adapters/wechat/message-mapper.js';

const SEP = '- - - - - - - - - - - - - - -';

describe('parseWechatQuote — WeChat 引用 replies as real puppets render them', () => {
  it('splits author, quoted text and the reply typed under it', () => {
    expect(
      parseWechatQuote(`「物业小助手：【新投诉】TS-20261128-0007 漏水\n位置：3栋」\n${SEP}\n办结 已更换水管`),
    ).toEqual({
      author: '物业小助手',
      quoted: '【新投诉】TS-20261128-0007 漏水\n位置：3栋',
      reply: '办结 已更换水管',
    });
  });

  it('keeps a "」" inside the quoted text and accepts an ASCII colon', () => {
    expect(parseWechatQuote(`「Bot:请回复「认领 0007」接单」\n${SEP}\n认领`)).toEqual({
      author: 'Bot',
      quoted: '请回复「认领 0007」接单',
      reply: '认领',
    });
  });

  it('returns null for ordinary text, including text that merely starts with 「', () => {
    expect(parseWechatQuote('认领 0007')).toBeNull();
    expect(parseWechatQuote('「好的」谢谢')).toBeNull();
  });

  it('puts the quoted text on the activity as channelData.quotedText', () => {
    const a = toActivity(
      { id: 'm1', talkerId: 'c1', talkerName: '王', roomId: 'r1', text: '批准', quotedText: '【装修审批】新申请 #12' },
      { id: 'b', name: 'Bot' },
      new Date(),
    );
    expect(a.channelData).toMatchObject({ quotedText: '【装修审批】新申请 #12' });
    expect(
      toActivity({ id: 'm2', talkerId: 'c1', talkerName: '王', text: '你好' }, { id: 'b', name: 'Bot' }, new Date())
        .channelData,
    ).not.toHaveProperty('quotedText');
  });
});
