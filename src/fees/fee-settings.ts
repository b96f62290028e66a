// Per-estate fee rules from `estate.settings.fees`; everything has a default from the department's procedures.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { t, type Locale } from '../i18n/index.js';
import { lateFeeRuleSchema } from './fee.rules.js';

export const DEFAULT_PAYMENT_TEXT = t('zh-CN', 'fees.defaultPayment');

/** The estate's own payment text as configured; the default one in the reader's language. */
export function paymentTextFor(settings: Pick<FeeSettings, 'paymentText'>, locale: Locale): string {
  return settings.paymentText === DEFAULT_PAYMENT_TEXT ? t(locale, 'fees.defaultPayment') : settings.paymentText;
}

export const feeSettingsSchema = z
  .object({
    /** Only shown/computed when configured: a late fee is never invented. */
    lateFee: lateFeeRuleSchema.optional(),
    paymentText: z.string().min(1).default(DEFAULT_PAYMENT_TEXT),
    /** Days relative to the due date on which 催缴 reminders go out (negative = before). */
    reminderOffsetsDays: z
      .array(z.number().int().min(-60).max(365))
      .min(1)
      .default([-7, 0, 3, 15])
      .transform((a) => [...new Set(a)].sort((x, y) => x - y)),
    minDaysBetweenReminders: z.number().int().min(0).max(60).default(3),
  })
  .prefault({});

export type FeeSettings = z.infer<typeof feeSettingsSchema>;

/** `estate.settings` as stored (any JSON). A broken section falls back to defaults (no late fee) rather than breaking the owner's chat. */
export function feeSettingsOf(settings: unknown): FeeSettings {
  return settingsSection(settings, 'fees', feeSettingsSchema);
}
