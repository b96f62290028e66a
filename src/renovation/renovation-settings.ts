// Per-estate renovation rules (Estate.settings.renovation), defaults from the department's 装修管理 procedure.
import { z } from 'zod';

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
  })
  .prefault({});

export type RenovationSettings = z.infer<typeof renovationSettingsSchema>;

export function renovationSettings(estateSettings: Record<string, unknown>): RenovationSettings {
  return renovationSettingsSchema.parse(estateSettings.renovation ?? {});
}
