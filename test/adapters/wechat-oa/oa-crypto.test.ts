// Safe-mode crypto against Tencent's own published sample (WXBizMsgCrypt test: EncodingAESKey, AppID, the fixed
// random "aaaabbbbccccdddd" and the expected ciphertext), then the failure cases a forger would try.
import { describe, expect, it } from 'vitest';
import {
  DecryptError,
  decryptMessage,
  encryptMessage,
  messageSignature,
  signaturesMatch,
  urlSignature,
} from '../../../adapters/wechat-oa/oa-crypto.js';

const SAMPLE = {
  aesKey: 'abcdefghijklmnopqrstuvwxyz0123456789ABCDEFG',
  appId: 'wxb11529c136998cb6',
  message: '我是中文abcd123',
  random: Buffer.from('aaaabbbbccccdddd'),
  encrypted: 'jn1L23DB+6ELqJ+6bruv21Y6MD7KeIfP82D6gU39rmkgczbWwt5+3bnyg5K55bgVtVzd832WzZGMhkP72vVOfg==',
};

describe('Official Account safe mode', () => {
  it('encrypts and decrypts Tencent’s sample exactly', () => {
    expect(encryptMessage(SAMPLE.aesKey, SAMPLE.appId, SAMPLE.message, SAMPLE.random)).toBe(SAMPLE.encrypted);
    expect(decryptMessage(SAMPLE.aesKey, SAMPLE.appId, SAMPLE.encrypted)).toBe(SAMPLE.message);
  });

  it('round-trips any text, including long Chinese XML', () => {
    const xml = `<xml><Content><![CDATA[${'楼上烧烤油烟熏到我家'.repeat(50)}]]></Content></xml>`;
    expect(decryptMessage(SAMPLE.aesKey, SAMPLE.appId, encryptMessage(SAMPLE.aesKey, SAMPLE.appId, xml))).toBe(xml);
  });

  it('refuses a message sealed for another AppID, a tampered ciphertext and garbage', () => {
    expect(() => decryptMessage(SAMPLE.aesKey, 'wx0000000000000000', SAMPLE.encrypted)).toThrow(DecryptError);
    const bytes = Buffer.from(SAMPLE.encrypted, 'base64');
    bytes[bytes.length - 1] = (bytes[bytes.length - 1] ?? 0) ^ 0xff;
    expect(() => decryptMessage(SAMPLE.aesKey, SAMPLE.appId, bytes.toString('base64'))).toThrow(DecryptError);
    expect(() => decryptMessage(SAMPLE.aesKey, SAMPLE.appId, 'bm90IGEgY2lwaGVydGV4dA==')).toThrow(DecryptError);
  });

  it('signs the URL over token, timestamp and nonce, and the body too in safe mode', () => {
    // sha1 of the three strings sorted and joined (expected value computed with Python's hashlib).
    expect(urlSignature('token', '1409304348', 'xxxxxx')).toBe('f43b4a6571a6552356f482636e5a77e7fa33dcc9');
    expect(urlSignature('b', 'a', 'c')).toBe(urlSignature('c', 'b', 'a'));
    expect(messageSignature('t', '1', 'n', 'E')).not.toBe(messageSignature('t', '1', 'n', 'F'));
    expect(signaturesMatch(urlSignature('t', '1', 'n').toUpperCase(), urlSignature('t', '1', 'n'))).toBe(true);
    expect(signaturesMatch(undefined, urlSignature('t', '1', 'n'))).toBe(false);
    expect(signaturesMatch('0'.repeat(40), urlSignature('t', '1', 'n'))).toBe(false);
  });
});
