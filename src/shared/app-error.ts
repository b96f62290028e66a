// The one error type: a code for programs, an internal message for logs, and a user-safe zh-CN text for the chat.
export type AppErrorCode =
  'BAD_INPUT' | 'NOT_FOUND' | 'FORBIDDEN' | 'CONFLICT' | 'NOT_BOUND' | 'RATE_LIMITED' | 'UNAVAILABLE' | 'INTERNAL';

const DEFAULT_USER_TEXT: Record<AppErrorCode, string> = {
  BAD_INPUT: '输入的内容无法识别，请再试一次。',
  NOT_FOUND: '没有找到相关记录。',
  FORBIDDEN: '抱歉，您没有权限进行此操作。',
  CONFLICT: '该记录刚被他人修改，请重新操作。',
  NOT_BOUND: '请先绑定您的房屋后再使用此功能。',
  RATE_LIMITED: '操作过于频繁，请稍后再试。',
  UNAVAILABLE: '服务暂时不可用，请稍后再试。',
  INTERNAL: '抱歉，系统出了点问题，我们已记录。请稍后再试，或回复“转人工”。',
};

export class AppError extends Error {
  readonly userText: string;
  constructor(
    readonly code: AppErrorCode,
    internalMessage: string,
    userText?: string,
    options?: { cause?: unknown },
  ) {
    super(internalMessage, options);
    this.name = 'AppError';
    this.userText = userText ?? DEFAULT_USER_TEXT[code];
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
