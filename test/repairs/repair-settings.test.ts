// 报修 rules without a database: trades from the owner's words, 有偿/无偿 from the price list, SLA limits per trade and
// urgency (our defaults, per estate), a broken settings section falling back to the defaults, and visit windows.
import { describe, expect, it } from 'vitest';
import { guessTrade, quoteFor, repairSettingsOf, departmentOf } from '../../src/repairs/repair-settings.js';
import { slaPolicyOf } from '../../src/sla/sla-limits.js';
import { visitWindowOf, windowText } from '../../src/repairs/visit-window.js';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR } from '../../src/sla/business-calendar.js';

describe('repair settings', () => {
  const s = repairSettingsOf({});

  it.each([
    ['洗手池下水很慢', '水'],
    ['窗户把手掉了', '门窗'],
    ['门锁坏了打不开', '锁'],
    ['电梯按钮失灵', '电梯'],
    ['卫生间灯不亮', '电'],
    ['楼道灯坏了', '公共设施'],
    ['墙皮脱落', null],
  ])('“%s” names the trade %s', (text, trade) => {
    expect(guessTrade(s, text)).toBe(trade);
  });

  it('in-home work is priced per the list; public-area work is free', () => {
    expect(quoteFor(s, '锁', true)).toEqual({ paid: true, text: '换锁芯 80 元起（含锁芯）', cents: 8000 });
    expect(quoteFor(s, '锁', false)).toEqual({ paid: false });
    expect(quoteFor(s, '电梯', true)).toEqual({ paid: false });
  });

  it('an estate sets its own trades, departments and prices; a broken section falls back to the defaults', () => {
    const own = repairSettingsOf({
      repair: {
        trades: [{ name: '空调', department: '机电部', keywords: ['空调'] }],
        prices: { 空调: { paid: false } },
      },
    });
    expect(guessTrade(own, '空调不制冷')).toBe('空调');
    expect(departmentOf(own, '空调')).toBe('机电部');
    expect(quoteFor(own, '空调', true)).toEqual({ paid: false });
    expect(repairSettingsOf({ repair: { trades: 'nonsense' } }).trades.map((t) => t.name)).toContain('水');
  });

  it('SLA limits per trade and urgency, on the same policy as complaints', () => {
    const policy = slaPolicyOf({});
    expect(policy('REPAIR', '水', 1)).toEqual({ ackMinutes: 60, resolveMinutes: 24 * 60 });
    expect(policy('REPAIR', '水', 3)).toEqual({ ackMinutes: 15, resolveMinutes: 4 * 60 });
    expect(policy('REPAIR', '电梯', 1)).toEqual({ ackMinutes: 30, resolveMinutes: 8 * 60 });
    expect(policy('COMPLAINT', '噪音', 1)).toEqual({ ackMinutes: 120, resolveMinutes: 72 * 60 });
    expect(policy('EMERGENCY', '电梯困人', 3)).toEqual({ ackMinutes: 10, resolveMinutes: null });
    const own = slaPolicyOf({ repair: { limits: { 水: { 1: { ackMinutes: 20 } } } } });
    expect(own('REPAIR', '水', 1)).toEqual({ ackMinutes: 20, resolveMinutes: 24 * 60 });
  });
});

describe('visit windows on the desk calendar', () => {
  const slots = new DeskSlots(
    new BusinessCalendar(DEFAULT_DESK_CALENDAR),
    DEFAULT_DESK_CALENDAR.shifts,
    keyDeskSettings({}),
  );
  const now = new Date('2026-11-25T10:00:00+08:00');
  const window = (text: string) => {
    const w = visitWindowOf(text, slots, now, 'zh-CN');
    return w && 'from' in w ? windowText(w, 'Asia/Shanghai') : w;
  };

  it('reads mornings, afternoons, clock times and whole days as desk hours', () => {
    expect(window('明天上午')).toBe('2026-11-26 08:30–12:00');
    expect(window('明天下午')).toBe('2026-11-26 13:30–18:00');
    expect(window('周六下午三点')).toBe('2026-11-28 15:00–16:00');
    expect(window('明天')).toBe('2026-11-26 08:30–18:00');
    // Today's morning: what is left of it.
    expect(window('上午')).toBe('2026-11-25 10:15–12:00');
  });

  it('says why not (the evening, the lunch break) and null when no time is named', () => {
    expect(window('明天晚上')).toEqual({ problem: '' });
    expect(window('明天中午十二点半')).toMatchObject({ problem: expect.stringContaining('午休') });
    expect(window('随便')).toBeNull();
  });
});
