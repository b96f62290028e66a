import { describe, expect, it } from 'vitest';
import { buildDigest } from '../../src/notify/digest.js';

const opts = { maxItems: 20, maxChars: 3500, timeZone: 'Asia/Shanghai' };
const item = (id: string, text: string, at: string) => ({ id, text, createdAt: new Date(at) });

describe('digest', () => {
  it('merges notices oldest first, numbered with their local time', () => {
    const d = buildDigest(
      [
        item('b', '3栋电梯故障已派单', '2026-12-01T09:05:00+08:00'),
        item('a', '5栋漏水投诉超时', '2026-12-01T09:00:00+08:00'),
      ],
      opts,
    );
    expect(d.text).toBe('【通知汇总】共 2 条：\n\n1. [09:00] 5栋漏水投诉超时\n\n2. [09:05] 3栋电梯故障已派单');
    expect(d.includedIds).toEqual(['a', 'b']);
  });
  it('a single notice is sent as it is', () => {
    expect(buildDigest([item('a', '你好', '2026-12-01T09:00:00+08:00')], opts)).toEqual({
      text: '你好',
      includedIds: ['a'],
    });
  });
  it('stops at maxItems and maxChars; the rest wait for the next digest', () => {
    const many = Array.from({ length: 5 }, (_, i) => item(`m${i}`, `通知${i}`, `2026-12-01T09:0${i}:00+08:00`));
    expect(buildDigest(many, { ...opts, maxItems: 3 }).includedIds).toEqual(['m0', 'm1', 'm2']);
    const long = many.map((m) => ({ ...m, text: '很'.repeat(40) }));
    expect(buildDigest(long, { ...opts, maxChars: 120 }).includedIds).toEqual(['m0', 'm1']);
  });
});
