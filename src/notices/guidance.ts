// Legal and policy guidance per complaint category (#20): what staff must know and the texts it rests on, per estate
// (Estate.settings.guidance over our defaults in notice-settings.ts). Shown to staff with 工单 N; the owner-facing
// "根据…，…" line, where an entry has one, is shown to the owner when a complaint of that category is filed.
import { t, type Locale } from '../i18n/index.js';
import { guidanceFor } from './notice-settings.js';

/** The staff line for a ticket of `category`, or null when the estate has none. */
export function staffGuidanceText(
  estateSettings: Record<string, unknown>,
  category: string,
  locale: Locale,
): string | null {
  const g = guidanceFor(estateSettings, category);
  if (!g) return null;
  return t(locale, 'notice.guidance.staff', {
    category,
    text: g.staff,
    refs: g.references.length ? t(locale, 'notice.guidance.refs', { refs: g.references.join('；') }) : '',
  });
}

/** "根据…，…" for the owner, or null (not every category has something useful to tell the owner). */
export function ownerGuidanceText(estateSettings: Record<string, unknown>, category: string): string | null {
  return guidanceFor(estateSettings, category)?.owner ?? null;
}
