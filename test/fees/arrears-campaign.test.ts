import { describe, expect, it } from 'vitest';
import { planReminders, reminderText, type CampaignInput } from '../../src/fees/arrears-campaign.js';
import { feeSettingsOf } from '../../src/fees/fee-settings.js';

const base = (over: Partial<CampaignInput>): CampaignInput => ({
  today: '2026-11-30',
  settings: feeSettingsOf({}),
  estate: { name: '锦绣花园', deskPhone: '0571-8888 6666' },
  bills: [{ unitId: 'u1', period: '2026-11', feeType: 'PROPERTY', dueDate: '2026-11-30', outstandingCents: 30000 }],
  owners: [{ unitId: 'u1', personId: 'p1', unitLabel: '1栋101' }],
  optedOut: new Set(),
  lastReminderDate: new Map(),
  sent: new Set(),
  ...over,
});

describe('planReminders', () => {
  it('plans the current stage with its dedupe key', () => {
    const [r] = planReminders(base({}));
    expect(r).toMatchObject({ personId: 'p1', dedupeKey: 'fee-reminder:u1:2026-11-30:d0' });
    expect(r?.text).toContain('今天（2026-11-30）到期，合计¥300.00');
  });

  it('nothing before the first offset, nothing for paid bills, nothing for units without owners', () => {
    expect(planReminders(base({ today: '2026-11-22' }))).toEqual([]);
    expect(
      planReminders(
        base({
          bills: [{ unitId: 'u1', period: '2026-11', feeType: 'PROPERTY', dueDate: '2026-11-30', outstandingCents: 0 }],
        }),
      ),
    ).toEqual([]);
    expect(planReminders(base({ owners: [] }))).toEqual([]);
  });

  it('honours opt-out, already-sent keys and the minimum gap between reminders', () => {
    expect(planReminders(base({ optedOut: new Set(['p1']) }))).toEqual([]);
    expect(planReminders(base({ sent: new Set(['fee-reminder:u1:2026-11-30:d0|p1']) }))).toEqual([]);
    expect(planReminders(base({ lastReminderDate: new Map([['p1', '2026-11-28']]) }))).toEqual([]);
    expect(planReminders(base({ lastReminderDate: new Map([['p1', '2026-11-27']]) }))).toHaveLength(1);
  });

  it('a late import goes straight to the current stage; custom offsets per estate', () => {
    const [late] = planReminders(base({ today: '2027-01-10' }));
    expect(late?.items[0]?.stage).toBe('d15');
    expect(late?.text).toContain('已逾期41天');
    const settings = feeSettingsOf({ fees: { reminderOffsetsDays: [1, -3], minDaysBetweenReminders: 1 } });
    expect(planReminders(base({ settings, today: '2026-11-27' }))[0]?.dedupeKey).toBe('fee-reminder:u1:2026-11-30:d-3');
    expect(planReminders(base({ settings, today: '2026-11-30' }))[0]?.dedupeKey).toBe('fee-reminder:u1:2026-11-30:d-3');
    expect(planReminders(base({ settings, today: '2026-12-01' }))[0]?.dedupeKey).toBe('fee-reminder:u1:2026-11-30:d1');
  });

  it('never threatens: no cut-off of water/electricity, no legal threats', () => {
    const [r] = planReminders(base({ today: '2027-03-01' }));
    expect(r?.text).not.toMatch(/停水|停电|断水|断电|起诉|律师|征信|曝光/);
  });
});

describe('reminderText in English', () => {
  it('words the same reminder in English for an English reader, zh-CN by default', () => {
    const [r] = planReminders(base({ today: '2026-12-20' }));
    const items = r?.items ?? [];
    const input = base({});
    expect(reminderText(items, input)).toBe(r?.text);
    const en = reminderText(items, input, 'en');
    expect(en).toContain('[锦绣花园] Payment reminder: fees of ¥300.00 in total are 20 days overdue.');
    expect(en).toContain('· 1栋101: 2026-11 Management fee ¥300.00 (due 2026-11-30)');
    expect(en).toContain('Pay at the front desk of the property service centre');
    // An English owner is told the English words the bot understands (src/bot/intents.ts FEE_OPT_OUT).
    expect(en).toContain('Reply "stop reminders" to stop fee reminders.');
  });
});
