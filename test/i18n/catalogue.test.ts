// The en catalogue is a real translation: no value still in Chinese (names only ever arrive through placeholders).
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

describe('en catalogue', () => {
  it('has every zh-CN key and no untranslated value', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const untranslated = Object.entries(en).filter(([, text]) => CJK.test(text.replace(/\{\w+\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders as zh-CN', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(zhCN)) expect(names(en[key as keyof typeof en]), key).toEqual(names(text));
  });
});
