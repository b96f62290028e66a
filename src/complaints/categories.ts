// Complaint categories and the per-estate complaint rules (Estate.settings.complaints). Which category a message
// names is read by the recogniser (src/nlu), trained on the desk's labels (data/nlu/README.md).
import { z } from 'zod';
import type { SlaLimits } from '../sla/ladder.js';

export const DEFAULT_CATEGORIES = [
  '噪音',
  '漏水/渗水',
  '卫生',
  '停车',
  '装修违规',
  '宠物',
  '公共设施',
  '服务态度',
  '其他',
] as const;

/** never: no 回访; skip_if_rated: not again after a reopen when the owner already rated once; always: every resolve. */
const callbackModes = ['never', 'skip_if_rated', 'always'] as const;

export const complaintSettingsSchema = z
  .object({
    categories: z
      .array(z.string().min(1).max(20))
      .min(1)
      .default([...DEFAULT_CATEGORIES]),
    repeatWindowDays: z.number().int().min(1).max(365).default(90),
    callbackMode: z.enum(callbackModes).default('always'),
    callbackDelayHours: z.number().min(0).max(24).default(2),
    callbackReminderHours: z.number().min(1).max(72).default(24),
    // Promised first response (minutes), by priority: 1 normal, 2 raised (二次投诉), 3 urgent.
    ackMinutes: z
      .object({ 1: z.number().int().positive(), 2: z.number().int().positive(), 3: z.number().int().positive() })
      .default({ 1: 120, 2: 60, 3: 30 }),
    resolveHours: z
      .object({ 1: z.number().positive(), 2: z.number().positive(), 3: z.number().positive() })
      .default({ 1: 72, 2: 48, 3: 24 }),
    // Per category × priority overrides, e.g. { "漏水/渗水": { "1": { "ackMinutes": 60 } } }.
    limits: z
      .record(
        z.string(),
        z.partialRecord(
          z.enum(['1', '2', '3']),
          z.object({
            ackMinutes: z.number().int().positive().optional(),
            resolveHours: z.number().positive().optional(),
          }),
        ),
      )
      .default({}),
    // 特发事件: "收到" expected within this many minutes, else 经理 is pinged.
    emergencyAckMinutes: z.number().int().min(1).max(120).default(10),
    maxDescriptionLength: z.number().int().min(50).max(2000).default(500),
  })
  .prefault({});

export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;

/** The estate's complaint section; a broken blob falls back to defaults rather than blocking complaints. */
export function complaintSettings(estateSettings: Record<string, unknown>): ComplaintSettings {
  const parsed = complaintSettingsSchema.safeParse(estateSettings.complaints ?? {});
  return parsed.success ? parsed.data : complaintSettingsSchema.parse({});
}

/**
 * Categories of desk requests with their own default limits (our defaults; an estate's `limits` override them):
 * 门禁卡 办卡/补卡/退卡 (src/permits/card-request.ts) — taken up within 1 working hour, done within 16 working hours (2 desk days).
 */
export const BUILT_IN_LIMITS: Record<
  string,
  Partial<Record<'1' | '2' | '3', { ackMinutes: number; resolveHours: number }>>
> = {
  门禁卡: { '1': { ackMinutes: 60, resolveHours: 16 } },
};

/** The SLA limits of one ticket (minutes of its clock): overrides first, then the per-priority defaults. */
export function slaLimitsFor(s: ComplaintSettings, kind: string, category: string, priority: number): SlaLimits {
  if (kind === 'EMERGENCY') return { ackMinutes: s.emergencyAckMinutes, resolveMinutes: null };
  const p = String(Math.min(3, Math.max(1, priority))) as '1' | '2' | '3';
  const o = s.limits[category]?.[p] ?? BUILT_IN_LIMITS[category]?.[p];
  return {
    ackMinutes: o?.ackMinutes ?? s.ackMinutes[p],
    resolveMinutes: (o?.resolveHours ?? s.resolveHours[p]) * 60,
  };
}
