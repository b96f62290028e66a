// One process per SQLite file. Two instances on one file "work" until concurrent turns fail (40 % did, SQLITE_BUSY
// and lost updates); SQLite cannot share its limits or claims across processes the way PostgreSQL does. So the
// second process refuses to start, saying why and what to use instead.
import fs from 'node:fs';
import os from 'node:os';

export class InstanceLockedError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'InstanceLockedError';
  }
}

interface Holder {
  pid: number;
  host: string;
  since: string;
}

export interface InstanceLock {
  readonly path: string;
  release(): void;
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (err) {
    // EPERM: the process exists but belongs to someone else.
    return (err as NodeJS.ErrnoException).code === 'EPERM';
  }
}

function readHolder(file: string): Holder | null {
  try {
    const h = JSON.parse(fs.readFileSync(file, 'utf8')) as Partial<Holder>;
    return typeof h.pid === 'number' && typeof h.host === 'string'
      ? { pid: h.pid, host: h.host, since: h.since ?? '' }
      : null;
  } catch {
    return null;
  }
}

function refusal(dbFile: string, lockFile: string, h: Holder): string {
  return [
    `另一个 WuyeDesk 进程（${h.host} 上的 pid ${h.pid}，${h.since} 起）正在使用 SQLite 数据库 ${dbFile}。`,
    'SQLite 只能由一个进程使用：两个实例会互相锁库、丢失对话，也会各自按一份限额发消息。',
    '请先停止那个进程；需要多个实例时请改用 PostgreSQL（DATABASE_URL=postgresql://…）。',
    `如果确认那个进程已不存在（例如另一台机器上的残留锁），可删除 ${lockFile} 后再启动。`,
  ].join('\n');
}

/**
 * Takes `<db file>.lock` (created exclusively, holding pid, host and start time). A lock left by a dead process on
 * this host is taken over; one held by a live process, or by another host (whose processes we cannot see), refuses.
 * `at` is the app's clock, written for the message a second process shows.
 */
export function lockSqliteFile(dbFile: string, at: Date): InstanceLock {
  const lockFile = `${dbFile}.lock`;
  const me: Holder = { pid: process.pid, host: os.hostname(), since: at.toISOString() };
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      fs.writeFileSync(lockFile, JSON.stringify(me), { flag: 'wx' });
      return {
        path: lockFile,
        release: () => {
          if (readHolder(lockFile)?.pid === me.pid) fs.rmSync(lockFile, { force: true });
        },
      };
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
    }
    const holder = readHolder(lockFile);
    if (holder && (holder.host !== me.host || alive(holder.pid)))
      throw new InstanceLockedError(refusal(dbFile, lockFile, holder));
    // Stale (its process is gone, e.g. after kill -9) or unreadable: remove it and try again.
    fs.rmSync(lockFile, { force: true });
  }
  throw new InstanceLockedError(refusal(dbFile, lockFile, readHolder(lockFile) ?? { pid: 0, host: '?', since: '' }));
}
