// Helpers for the zod schemas over the environment (src/config.ts and each channel's config).

/** `FOO=` in a .env file means "not set", not "the empty string". */
export const emptyToUndefined = (v: unknown): unknown => (typeof v === 'string' && v.trim() === '' ? undefined : v);
