// 装修 rules per estate: our defaults, an estate's own values, and a broken section (a bad hand edit) read as the
// defaults instead of failing every 装修 turn and job.
import { describe, expect, it } from 'vitest';
import { renovationSettings } from '../../src/renovation/renovation-settings.js';

describe('renovation settings', () => {
  it('no section: the defaults', () => {
    expect(renovationSettings({})).toMatchObject({
      maxExtensionDays: 30,
      maxExtensions: 2,
      inspectionSlots: ['09:30', '14:30'],
      applicationDepositYuan: 2000,
    });
  });

  it('an estate’s own values, the rest defaults', () => {
    expect(renovationSettings({ renovation: { maxExtensions: 1, inspectionSlots: ['10:00'] } })).toMatchObject({
      maxExtensions: 1,
      inspectionSlots: ['10:00'],
      maxExtensionDays: 30,
    });
  });

  it('a broken section is the defaults, not an error', () => {
    for (const broken of [{ maxExtensions: 'two' }, { inspectionSlots: ['25:00'] }, 'nonsense', [1, 2]])
      expect(renovationSettings({ renovation: broken })).toEqual(renovationSettings({}));
  });
});
