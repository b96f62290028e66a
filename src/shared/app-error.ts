// The one error type: a code for programs, an internal message for logs, and a catalogue key (with parameters) for
// the user-safe text, rendered in the reader's language where it is shown.
import { t, type Locale, type MessageKey, type Params } from '../i18n/index.js';

export type AppErrorCode =
  'BAD_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'NOT_BOUND' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

/** What the user is told: a catalogue key and its parameters. */
export interface UserMessage {
  key: MessageKey;
  params?: Params;
}

const DEFAULT_USER_MESSAGE: Record<AppErrorCode, MessageKey> = {
  BAD_INPUT: 'error.badInput',
  NOT_FOUND: 'error.notFound',
  FORBIDDEN: 'error.forbidden',
  CONFLICT: 'error.conflict',
  NOT_BOUND: 'error.notBound',
  RATE_LIMITED: 'error.rateLimited',
  UNAVAILABLE: 'error.unavailable',
  INTERNAL: 'error.internal',
};

/** Shorthand for a UserMessage: `userMessage('repair.notFound', { number })`. */
export function userMessage(key: MessageKey, params?: Params): UserMessage {
  return params ? { key, params } : { key };
}

export class AppError extends Error {
  readonly user: UserMessage;
  constructor(
    readonly code: AppErrorCode,
    internalMessage: string,
    user?: UserMessage,
    options?: { cause?: unknown },
  ) {
    super(internalMessage, options);
    this.name = 'AppError';
    this.user = user ?? { key: DEFAULT_USER_MESSAGE[code] };
  }

  /** The user-safe text in the reader's language. */
  textIn(locale: Locale): string {
    return t(locale, this.user.key, this.user.params);
  }

  /** The user-safe text in zh-CN (the default language: staff chats, the CLI). */
  get userText(): string {
    return this.textIn('zh-CN');
  }
}

/**
 * The AppError to show for `err`: itself when it is one; UNAVAILABLE ("try again") when the database was busy — SQLite
 * locked past its busy timeout (the better-sqlite3 adapter reports SQLITE_BUSY as Prisma P1008 "socket timeout") or a
 * transaction that could not start or finish in time (P2028); undefined for anything else (a bug: generic apology).
 */
export function appErrorFrom(err: unknown): AppError | undefined {
  if (err instanceof AppError) return err;
  const e = err as { code?: unknown; message?: unknown } | null;
  const code = typeof e?.code === 'string' ? e.code : '';
  const message = typeof e?.message === 'string' ? e.message : '';
  if (
    code === 'P1008' ||
    code === 'P2028' ||
    code === 'SQLITE_BUSY' ||
    /SQLITE_BUSY|database is locked/i.test(message)
  ) {
    return new AppError('UNAVAILABLE', `database busy: ${code} ${message}`.trim(), undefined, { cause: err });
  }
  return undefined;
}
