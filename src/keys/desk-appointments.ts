// 转名 / 退楼 / 入住 desk appointments (#20): the documents the owner brings, per estate (Estate.settings.deskAppointments,
// zod-validated). The lists below are our defaults, not the procedures' (they name none): an estate overrides any of them.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';

/** The desk appointments that are not key hand-overs (#20). */
export const DESK_PURPOSES = ['TRANSFER', 'MOVE_OUT', 'MOVE_IN'] as const;
export type DeskPurpose = (typeof DESK_PURPOSES)[number];

export function isDeskPurpose(kind: string): kind is DeskPurpose {
  return (DESK_PURPOSES as readonly string[]).includes(kind);
}

const documents = z.array(z.string().trim().min(1).max(60)).min(1).max(20);

export const deskAppointmentSettingsSchema = z
  .object({
    checklists: z
      .object({
        TRANSFER: documents.default(['原业主及新业主身份证', '房产证/不动产权证', '买卖合同', '结清物业费证明']),
        MOVE_OUT: documents.default(['身份证', '钥匙/门禁卡', '结清物业费及水电费']),
        MOVE_IN: documents.default(['身份证', '购房合同', '入住通知书', '首期物业费']),
      })
      .strict()
      .prefault({}),
  })
  .strict();

export type DeskAppointmentSettings = z.infer<typeof deskAppointmentSettingsSchema>;

/** The estate's settings (our defaults where it says nothing; a malformed value falls back to them, never a crash). */
export function deskAppointmentSettings(settings: unknown): DeskAppointmentSettings {
  return settingsSection(settings, 'deskAppointments', deskAppointmentSettingsSchema);
}

/** The documents to bring for this purpose. */
export function checklistFor(settings: unknown, purpose: DeskPurpose): string[] {
  return deskAppointmentSettings(settings).checklists[purpose];
}
