// Per-estate renovation rules (Estate.settings.renovation), defaults from the department's 装修管理 procedure.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';

export const renovationSettingsSchema = z
  .object({
    /** One extension may move the end date by at most this many days. */
    maxExtensionDays: z.number().int().min(1).max(365).default(30),
    /** How many extensions one permit may get. */
    maxExtensions: z.number().int().min(0).max(20).default(2),
    /** SLA for 装修审批: a pending request should be decided within this many working days. */
    approvalSlaWorkingDays: z.number().int().min(1).max(30).default(2),
    /** Owner reminder this many days before the permit's end date. */
    reminderDaysBefore: z.number().int().min(1).max(30).default(3),
    /** Local start times of 退场验收 slots on workdays (Mon–Fri), one booking per slot. */
    inspectionSlots: z
      .array(z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/))
      .min(1)
      .default(['09:30', '14:30']),
    /** How many days ahead owners may book an inspection. */
    inspectionDaysAhead: z.number().int().min(1).max(60).default(10),
    /** 装修申报: the deposit (元) when staff approve without naming one ("批准 12"); our default, per estate. */
    applicationDepositYuan: z.number().int().min(0).max(1_000_000).default(2000),
    /** 装修申报: the earliest start, in days from the day of the application (our default: 3, time to review). */
    applicationLeadDays: z.number().int().min(0).max(60).default(3),
    /** 装修申报: the longest permit an owner may apply for, in days (our default). */
    applicationMaxDays: z.number().int().min(1).max(730).default(180),
    /** The estate's 装修管理规定 sent with an approval; absent: the catalogue's default text (permitApply.rules). */
    rulesText: z.string().trim().min(1).max(2000).optional(),
  })
  .prefault({});

export type RenovationSettings = z.infer<typeof renovationSettingsSchema>;

/**
 * The estate's renovation rules; a missing or broken section (a bad hand edit) is the defaults, like every other
 * settings section, so 装修 flows and jobs keep working instead of failing every turn.
 */
export function renovationSettings(estateSettings: Record<string, unknown>): RenovationSettings {
  return settingsSection(estateSettings, 'renovation', renovationSettingsSchema);
}
