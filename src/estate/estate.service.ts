// Estates change rarely, but every turn needs its estate (name, desk phone, rules): keep them cached briefly.
import { z } from 'zod';
import type { EstateRecord, EstateRepository } from '../db/repositories.js';

/** Per-estate rules stored in Estate.settings (Json): validated here, defaults from the department's procedures. */
// Loose: feature areas keep their own sections (e.g. `fees`, `complaints`) and parse them with their own schemas.
export const estateSettingsSchema = z
  .looseObject({
    handoffMaxTopicLength: z.number().int().min(20).max(2000).default(500),
  })
  .prefault({});

export type EstateSettings = z.infer<typeof estateSettingsSchema>;

/** An estate as the domain uses it: the stored row, its settings validated. */
export interface EstateInfo extends Omit<EstateRecord, 'settings'> {
  settings: EstateSettings;
}

export class EstateService {
  // A cache lifetime is elapsed time in this process, not a date: the monotonic clock, which neither a wall-clock
  // jump (NTP, a shifted test clock) nor the injected clock can make stale entries live forever or expire at once.
  private readonly cache = new Map<string, { at: number; estate: EstateInfo }>();
  private defaultId: string | null = null;

  constructor(
    private readonly estates: EstateRepository,
    private readonly ttlMs = 60_000,
  ) {}

  async byId(id: string): Promise<EstateInfo | null> {
    const hit = this.cache.get(id);
    if (hit && performance.now() - hit.at < this.ttlMs) return hit.estate;
    const row = await this.estates.byId(id);
    return row ? this.remember(row) : null;
  }

  /** Drops a cached estate (its settings just changed): the next read sees the new row. */
  forget(id: string): void {
    this.cache.delete(id);
  }

  async defaultEstate(): Promise<EstateInfo | null> {
    if (this.defaultId) return this.byId(this.defaultId);
    const row = await this.estates.findDefault();
    if (!row) return null;
    this.defaultId = row.id;
    return this.remember(row);
  }

  private remember(row: EstateRecord): EstateInfo {
    const parsed = estateSettingsSchema.safeParse(row.settings ?? {});
    // A broken settings blob falls back to defaults rather than taking the estate's chat down.
    const settings = parsed.success ? parsed.data : estateSettingsSchema.parse({});
    const estate: EstateInfo = {
      id: row.id,
      code: row.code,
      name: row.name,
      timezone: row.timezone,
      deskPhone: row.deskPhone,
      emergencyPhone: row.emergencyPhone,
      settings,
    };
    this.cache.set(row.id, { at: performance.now(), estate });
    return estate;
  }
}
