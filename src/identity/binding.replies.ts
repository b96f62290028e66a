// The chat answers to a binding attempt, shared by the binding dialog and the 员工绑定 command.
import type { EstateInfo } from '../estate/estate.service.js';
import { formatLocal } from '../shared/zoned-time.js';
import { staffRoleLabel, type BindFailureReason } from './binding.service.js';
import type { StaffRole } from './sender.js';
import { bt } from './identity.texts.js';

/** The answer to 员工绑定 <code>, from the command and from the dialog (unbound accounts). */
export function staffBindText(
  r: { ok: true; name: string; role: StaffRole } | { ok: false; reason: BindFailureReason; left: number; lockedUntil: Date | null },
  estate: EstateInfo,
): string {
  return r.ok ? `员工绑定成功：${r.name}（${staffRoleLabel(r.role)}）。回复“命令”查看可用命令。` : failureText(r, estate);
}

export function failureText(f: { reason: BindFailureReason; left: number; lockedUntil: Date | null }, estate: EstateInfo): string {
  if (f.reason === 'locked' || f.lockedUntil) {
    const until = f.lockedUntil ? formatLocal(f.lockedUntil, estate.timezone, 'time') : '1 小时';
    const head = f.reason === 'locked' ? '' : `${bt(`bind.fail.${f.reason}`)}\n`;
    return head + bt('bind.locked', { until, deskPhone: estate.deskPhone });
  }
  return `${bt(`bind.fail.${f.reason}`)}${bt('bind.fail.left', { left: f.left })}`;
}
