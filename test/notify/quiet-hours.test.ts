import { describe, expect, it } from 'vitest';
import { releaseAt } from '../../src/notify/quiet-hours.js';

const TZ = 'Asia/Shanghai';

describe('quiet hours', () => {
  it('a reminder at 22:00 waits until 08:30 the next morning', () => {
    expect(releaseAt('reminder', new Date('2026-12-01T22:00:00+08:00'), TZ)).toEqual(
      new Date('2026-12-02T08:30:00+08:00'),
    );
  });
  it('a reminder at 03:00 waits until 08:30 the same day', () => {
    expect(releaseAt('reminder', new Date('2026-12-02T03:00:00+08:00'), TZ)).toEqual(
      new Date('2026-12-02T08:30:00+08:00'),
    );
  });
  it('a reminder in the daytime goes at once; 21:00 is already quiet', () => {
    const noon = new Date('2026-12-01T12:00:00+08:00');
    expect(releaseAt('reminder', noon, TZ)).toEqual(noon);
    expect(releaseAt('reminder', new Date('2026-12-01T21:00:00+08:00'), TZ)).toEqual(
      new Date('2026-12-02T08:30:00+08:00'),
    );
  });
  it('an urgent message and an unlisted staff notice never wait', () => {
    const late = new Date('2026-12-01T23:59:00+08:00');
    expect(releaseAt('urgent', late, TZ)).toEqual(late);
    expect(releaseAt('notice', late, TZ)).toEqual(late);
  });
  it('policies are configurable per kind', () => {
    const at = new Date('2026-12-01T12:00:00+08:00');
    expect(releaseAt('notice', at, TZ, { notice: { waits: true, fromMinute: 13 * 60, untilMinute: 14 * 60 } })).toEqual(
      new Date('2026-12-01T13:00:00+08:00'),
    );
  });
});
