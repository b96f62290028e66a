import { describe, it, expect } from 'vitest';
import { normalizeDigits, parseZhInt, pickMenuIndex } from '../../src/shared/zh-numbers.js';

describe('parseZhInt', () => {
  it.each([
    ['1', 1],
    ['１２', 12],
    ['一', 1],
    ['二', 2],
    ['两', 2],
    ['十', 10],
    ['十二', 12],
    ['二十', 20],
    ['二十三', 23],
    ['一百零五', 105],
    ['一百一十', 110],
    ['一百五', 150],
    ['两千三', 2300],
    ['零', 0],
    ['二〇二六', 2026],
    ['第三个', 3],
    ['第2个', 2],
    ['两个', 2],
    [' 7 ', 7],
  ])('reads %s as %i', (text, n) => {
    expect(parseZhInt(text)).toBe(n);
  });

  it.each(['', '你好', '三栋', '1.5', '-3', '十十', '一百零', '二三十', 'abc', '第个'])('rejects %j', (text) => {
    expect(parseZhInt(text)).toBeNull();
  });
});

describe('normalizeDigits', () => {
  it('turns full-width digits and address punctuation into ASCII', () => {
    expect(normalizeDigits('３－２／１２０１＃')).toBe('3-2/1201#');
  });
  it('leaves Chinese text and ASCII alone', () => {
    expect(normalizeDigits('我家3栋，谢谢')).toBe('我家3栋，谢谢');
  });
});

describe('pickMenuIndex', () => {
  it.each([
    ['1', 0],
    ['２', 1],
    ['一', 0],
    ['第二个', 1],
    ['选3', 2],
    ['选第3项', 2],
    ['3。', 2],
    [' 三 ', 2],
  ])('maps %j to option index %i of 3', (text, idx) => {
    expect(pickMenuIndex(text, 3)).toBe(idx);
  });

  it.each(['0', '4', '第四个', '十', '好的', '3栋', ''])('rejects %j for a 3-option menu', (text) => {
    expect(pickMenuIndex(text, 3)).toBeNull();
  });
});
