// One section of `estate.settings` (stored JSON, edited by staff and the CLI), as each feature area reads its own.
import type { z } from 'zod';

/**
 * Sections already parsed, per settings object and section name (with the schema that parsed it). Estates come from EstateService's short-lived cache, so
 * while one settings object is in use every turn gets the same parsed section instead of a zod parse (#15: complaint,
 * fee and key turns read theirs each turn). A changed estate is a new object. Parsed sections are frozen: a caller
 * that changed one would change it for every later reader, so that fails loudly instead.
 */
const parsedSections = new WeakMap<object, Map<string, { schema: z.ZodType; value: unknown }>>();

/**
 * `settings[name]` parsed by the area's schema; missing, or not an object to read it from: the schema's defaults. A
 * broken section falls back to the defaults too, so a bad edit never takes an estate's chat or jobs down.
 */
export function settingsSection<S extends z.ZodType>(settings: unknown, name: string, schema: S): z.output<S> {
  const owner = typeof settings === 'object' && settings !== null ? settings : null;
  let byName = owner ? parsedSections.get(owner) : undefined;
  const known = byName?.get(name);
  if (known?.schema === schema) return known.value as z.output<S>;
  const section = owner ? (owner as Record<string, unknown>)[name] : undefined;
  const parsed = schema.safeParse(section ?? {});
  const value = deepFreeze(parsed.success ? parsed.data : schema.parse({}));
  if (owner) {
    if (!byName) parsedSections.set(owner, (byName = new Map()));
    byName.set(name, { schema, value });
  }
  return value;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
