// The SLA limits of every kind of ticket, per estate (Estate.settings.complaints for complaints and 特发事件,
// Estate.settings.repair for 报修). The figures are our defaults, not the department's procedures (their copy leaves
// them blank); each estate overrides them. The sweep and the ticket services read them through `slaPolicyOf`.
import { z } from 'zod';
import type { SlaLimits } from './ladder.js';

const byPriority = <T extends z.ZodTypeAny>(v: T) => z.object({ 1: v, 2: v, 3: v });
const overrides = z
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
  .default({});

/** The SLA fields of the complaint section (composed into the full complaint settings in src/complaints). */
export const complaintSlaShape = {
  // Promised first response (minutes), by priority: 1 normal, 2 raised (二次投诉), 3 urgent.
  ackMinutes: byPriority(z.number().int().positive()).default({ 1: 120, 2: 60, 3: 30 }),
  resolveHours: byPriority(z.number().positive()).default({ 1: 72, 2: 48, 3: 24 }),
  // Per category × priority overrides, e.g. { "漏水/渗水": { "1": { "ackMinutes": 60 } } }.
  limits: overrides,
  // 特发事件: "收到" expected within this many minutes, else 经理 is pinged.
  emergencyAckMinutes: z.number().int().min(1).max(120).default(10),
};

/**
 * 报修: dispatched (派单/接单) within ackMinutes, completed within resolveHours, by urgency (1 normal, 2 reopened,
 * 3 urgent) and per trade. Our defaults: a lift fault is dispatched within 30 minutes and fixed within 8 hours.
 */
export const repairSlaShape = {
  ackMinutes: byPriority(z.number().int().positive()).default({ 1: 60, 2: 30, 3: 15 }),
  resolveHours: byPriority(z.number().positive()).default({ 1: 24, 2: 12, 3: 4 }),
  limits: overrides.default({
    电梯: { 1: { ackMinutes: 30, resolveHours: 8 } },
    公共设施: { 1: { resolveHours: 72 } },
  }),
};

const complaintSla = z.object(complaintSlaShape).prefault({});
const repairSla = z.object(repairSlaShape).prefault({});

type Section = {
  ackMinutes: Record<1 | 2 | 3, number>;
  resolveHours: Record<1 | 2 | 3, number>;
  limits: z.infer<typeof overrides>;
};

/**
 * Categories of desk requests with their own default limits (our defaults; an estate's `limits` override them):
 * 门禁卡 办卡/补卡/退卡 (src/permits) — taken up within 1 working hour, done within 16 working hours (2 desk days).
 */
export const BUILT_IN_LIMITS: Record<
  string,
  Partial<Record<'1' | '2' | '3', { ackMinutes?: number; resolveHours?: number }>>
> = {
  门禁卡: { '1': { ackMinutes: 60, resolveHours: 16 } },
};

/** A section's limits for one category and priority: overrides first, then built-in ones, then the defaults. */
export function limitsFrom(s: Section, category: string, priority: number): SlaLimits {
  const p = String(Math.min(3, Math.max(1, priority))) as '1' | '2' | '3';
  const o = s.limits[category]?.[p] ?? BUILT_IN_LIMITS[category]?.[p];
  return {
    ackMinutes: o?.ackMinutes ?? s.ackMinutes[p],
    resolveMinutes: (o?.resolveHours ?? s.resolveHours[p]) * 60,
  };
}

export type SlaPolicy = (kind: string, category: string, priority: number) => SlaLimits;

const section = <T>(schema: z.ZodType<T>, raw: unknown): T => {
  const parsed = schema.safeParse(raw ?? {});
  return parsed.success ? parsed.data : schema.parse({});
};

/** The estate's limits for every kind, parsed once (a broken section falls back to the defaults). */
export function slaPolicyOf(estateSettings: Record<string, unknown>): SlaPolicy {
  const c = section(complaintSla, estateSettings.complaints);
  const r = section(repairSla, estateSettings.repair);
  return (kind, category, priority) => {
    if (kind === 'EMERGENCY') return { ackMinutes: c.emergencyAckMinutes, resolveMinutes: null };
    return limitsFrom(kind === 'REPAIR' ? r : c, category, priority);
  };
}
