// Per-estate binding rules from `estate.settings.binding`.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';

export const bindingSettingsSchema = z
  .object({
    /** Name + phone last 4 only proves what a neighbour may know: estates that audit bindings hold it for staff. */
    nameNeedsApproval: z.boolean().default(false),
  })
  .prefault({});

export type BindingSettings = z.infer<typeof bindingSettingsSchema>;

/** `estate.settings` as stored (any JSON). A broken section falls back to the defaults. */
export function bindingSettingsOf(settings: unknown): BindingSettings {
  return settingsSection(settings, 'binding', bindingSettingsSchema);
}
