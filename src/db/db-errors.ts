// Database errors the repositories handle as outcomes rather than failures.

/** A unique constraint refused the write (Prisma P2002): a race lost or a dedupe key already used. */
export function isUniqueViolation(err: unknown): boolean {
  return typeof err === 'object' && err !== null && (err as { code?: unknown }).code === 'P2002';
}
