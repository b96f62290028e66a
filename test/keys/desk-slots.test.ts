import { describe, expect, it } from 'vitest';
import { join } from 'node:path';
import { DeskSlots, keyDeskSettings } from '../../src/keys/desk-slots.js';
import { BusinessCalendar, DEFAULT_DESK_CALENDAR, loadHolidayYears } from '../../src/sla/business-calendar.js';
import { zonedTime } from '../../src/shared/zoned-time.js';

const TZ = 'Asia/Shanghai';
const at = (day: string, hhmm: string): Date => {
  const [h, m] = hhmm.split(':').map(Number);
  return zonedTime(day, (h ?? 0) * 60 + (m ?? 0), TZ);
};

async function deskSlots(): Promise<DeskSlots> {
  const { years } = await loadHolidayYears(join(process.cwd(), 'data/calendar'));
  return new DeskSlots(
    new BusinessCalendar(DEFAULT_DESK_CALENDAR, years),
    DEFAULT_DESK_CALENDAR.shifts,
    keyDeskSettings({}),
  );
}

describe('DeskSlots', () => {
  it('a working day has 15-minute slots 08:30–11:45 and 13:30–17:45, nothing in the lunch break', async () => {
    const slots = (await deskSlots()).daySlots('2026-09-29');
    expect(slots).toHaveLength(14 + 18);
    expect(slots[0]).toEqual(at('2026-09-29', '08:30'));
    expect(slots).toContainEqual(at('2026-09-29', '11:45'));
    expect(slots).not.toContainEqual(at('2026-09-29', '12:00'));
    expect(slots).not.toContainEqual(at('2026-09-29', '13:15'));
    expect(slots).toContainEqual(at('2026-09-29', '13:30'));
    expect(slots[slots.length - 1]).toEqual(at('2026-09-29', '17:45'));
  });

  it('refuses lunch break, holidays, past and off-hours with a zh-CN reason', async () => {
    const s = await deskSlots();
    const now = at('2026-09-29', '09:05');
    expect(s.check(at('2026-09-29', '12:30'), now)).toEqual({ reason: 'LUNCH' });
    expect(s.refusalText({ reason: 'LUNCH' })).toContain('午休');
    expect(s.check(at('2026-10-02', '10:00'), now)).toEqual({ reason: 'HOLIDAY', holiday: '国庆节' });
    expect(s.refusalText({ reason: 'HOLIDAY', holiday: '国庆节' })).toContain('国庆节');
    expect(s.check(at('2026-09-29', '09:00'), now)).toEqual({ reason: 'PAST' });
    expect(s.check(at('2026-09-29', '19:00'), now)).toEqual({ reason: 'CLOSED_HOURS' });
    expect(s.check(at('2026-09-29', '10:10'), now)).toEqual({ reason: 'NOT_ON_GRID' });
    expect(s.check(at('2026-09-29', '10:00'), now)).toBeNull();
  });

  it('Saturdays are open by default; holidays have no slots; past slots of today are gone', async () => {
    const s = await deskSlots();
    expect(s.daySlots('2026-11-28')).toHaveLength(32);
    expect(s.daySlots('2026-10-01')).toEqual([]);
    const future = s.futureSlots('2026-09-29', at('2026-09-29', '17:10'));
    expect(future).toEqual([at('2026-09-29', '17:15'), at('2026-09-29', '17:30'), at('2026-09-29', '17:45')]);
  });
});
