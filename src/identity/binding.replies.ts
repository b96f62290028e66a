// The chat answers to a binding attempt, shared by the binding dialog and the 员工绑定 command.
import type { EstateInfo } from '../estate/estate.service.js';
import { formatLocal } from '../shared/zoned-time.js';
import { staffRoleLabel, type BindFailureReason } from './binding.service.js';
import type { StaffRole } from './sender.js';
import { t, type Locale } from '../i18n/index.js';

/** The answer to 员工绑定 <code>, from the command and from the dialog (unbound accounts). */
export function staffBindText(
  r:
    | { ok: true; name: string; role: StaffRole }
    | { ok: false; reason: BindFailureReason; left: number; lockedUntil: Date | null },
  estate: EstateInfo,
  locale: Locale = 'zh-CN',
): string {
  return r.ok
    ? t(locale, 'bind.staffOk', { name: r.name, role: staffRoleLabel(r.role, locale) })
    : failureText(r, estate, locale);
}

export function failureText(
  f: {
    reason: BindFailureReason;
    left: number;
    lockedUntil: Date | null;
    scope?: 'account' | 'unit' | 'estate';
    unitLabel?: string;
    seq?: number;
  },
  estate: EstateInfo,
  locale: Locale = 'zh-CN',
): string {
  if (f.reason === 'pending') return t(locale, 'bind.fail.pending', { seq: f.seq ?? 0 });
  if ((f.reason === 'locked' || f.lockedUntil) && f.scope && f.scope !== 'account') {
    // Locked for everyone (the unit's method, or the estate's): not this account's fault, say so.
    const until = f.lockedUntil
      ? formatLocal(f.lockedUntil, estate.timezone, 'datetime')
      : t(locale, 'bind.lockedHour');
    const head = f.reason === 'locked' ? '' : `${t(locale, `bind.fail.${f.reason}`)}\n`;
    return (
      head +
      (f.scope === 'unit'
        ? t(locale, 'bindGuard.lockedUnit', { unit: f.unitLabel ?? '', until, deskPhone: estate.deskPhone })
        : t(locale, 'bindGuard.lockedEstate', { until, deskPhone: estate.deskPhone }))
    );
  }
  if (f.reason === 'locked' || f.lockedUntil) {
    const until = f.lockedUntil ? formatLocal(f.lockedUntil, estate.timezone, 'time') : t(locale, 'bind.lockedHour');
    const head = f.reason === 'locked' ? '' : `${t(locale, `bind.fail.${f.reason}`)}\n`;
    return head + t(locale, 'bind.locked', { until, deskPhone: estate.deskPhone });
  }
  return `${t(locale, `bind.fail.${f.reason as Exclude<BindFailureReason, 'locked' | 'pending'>}`)}${t(locale, 'bind.fail.left', { left: f.left })}`;
}
