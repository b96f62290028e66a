// One section of `estate.settings` (stored JSON, edited by staff and the CLI), as each feature area reads its own.
import type { z } from 'zod';

/**
 * `settings[name]` parsed by the area's schema; missing, or not an object to read it from: the schema's defaults. A
 * broken section falls back to the defaults too, so a bad edit never takes an estate's chat or jobs down.
 */
export function settingsSection<S extends z.ZodType>(settings: unknown, name: string, schema: S): z.output<S> {
  const section =
    typeof settings === 'object' && settings !== null ? (settings as Record<string, unknown>)[name] : undefined;
  const parsed = schema.safeParse(section ?? {});
  return parsed.success ? parsed.data : schema.parse({});
}
