// Complaint categories and the per-estate complaint rules (Estate.settings.complaints). Which category a message
// names is read by the recogniser (src/nlu), trained on the desk's labels (data/nlu/README.md).
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import type { SlaLimits } from '../sla/ladder.js';
import { complaintSlaShape, limitsFrom } from '../sla/sla-limits.js';

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
    ...complaintSlaShape,
    maxDescriptionLength: z.number().int().min(50).max(2000).default(500),
  })
  .prefault({});

export type ComplaintSettings = z.infer<typeof complaintSettingsSchema>;

/** The estate's complaint section; a broken blob falls back to defaults rather than blocking complaints. */
export function complaintSettings(estateSettings: Record<string, unknown>): ComplaintSettings {
  return settingsSection(estateSettings, 'complaints', complaintSettingsSchema);
}

/** The SLA limits of one complaint or 特发事件 (minutes of its clock); repairs: src/sla/sla-limits.ts slaPolicyOf. */
export function slaLimitsFor(s: ComplaintSettings, kind: string, category: string, priority: number): SlaLimits {
  if (kind === 'EMERGENCY') return { ackMinutes: s.emergencyAckMinutes, resolveMinutes: null };
  return limitsFrom(s, category, priority);
}
