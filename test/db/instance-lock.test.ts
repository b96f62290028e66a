// A second process on the same SQLite file refuses to start, says why and points at PostgreSQL; the lock goes with
// the first process (stopped, or killed: a lock whose process is gone is taken over).
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { InstanceLockedError, lockSqliteFile } from '../../src/db/instance-lock.js';
import { startApp, type App } from '../../src/main.js';
import { memoryLogger } from '../support/app.js';
import { createEmptyDatabaseUrl, dropDatabaseUrl } from '../support/databases.js';

const repoRoot = path.resolve(import.meta.dirname, '..', '..');
const at = new Date('2026-11-25T02:00:00Z');

function runMain(env: Record<string, string>): Promise<{ code: number | null; stderr: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: repoRoot,
      env: { ...process.env, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (d: Buffer) => (stderr += d.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stderr }));
  });
}

describe('one process per SQLite file', () => {
  let url: string;
  let app: App | undefined;
  const env = () => ({
    DATABASE_URL: url,
    PORT: '0',
    HOST: '127.0.0.1',
    CONSOLE_CHAT: 'off',
    SCHEDULER: 'off',
    WECHATY_PUPPET: '',
    TELEGRAM_BOT_TOKEN: '',
  });
  beforeAll(async () => {
    url = await createEmptyDatabaseUrl('sqlite');
    app = await startApp({ env: env(), logger: memoryLogger().logger, now: () => at });
  });
  afterAll(async () => {
    await app?.stop();
    await dropDatabaseUrl(url);
  });

  it('a second process refuses with a message that says why and points at PostgreSQL', async () => {
    const r = await runMain(env());
    expect(r.code).toBe(1);
    expect(r.stderr).toContain('启动失败');
    expect(r.stderr).toContain(`正在使用 SQLite 数据库 ${path.resolve(url.slice('file:'.length))}`);
    expect(r.stderr).toContain(`pid ${process.pid}`);
    expect(r.stderr).toContain('需要多个实例时请改用 PostgreSQL（DATABASE_URL=postgresql://…）');
  });

  it('after the first one stops, the file is free again', async () => {
    await app?.stop();
    app = await startApp({ env: env(), logger: memoryLogger().logger, now: () => at });
    await app.stop();
    app = undefined;
  });
});

describe('the lock file', () => {
  it('a lock left by a process that is gone is taken over; a live one refuses', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-lock-'));
    const db = path.join(dir, 'x.db');
    // pid 2^22 + 1 is above Linux's pid_max default: no such process.
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 4_194_305, host: os.hostname(), since: 'earlier' }));
    const lock = lockSqliteFile(db, at);
    expect(JSON.parse(fs.readFileSync(`${db}.lock`, 'utf8'))).toMatchObject({ pid: process.pid });
    expect(() => lockSqliteFile(db, at)).toThrow(InstanceLockedError);
    lock.release();
    expect(fs.existsSync(`${db}.lock`)).toBe(false);
    // Another host's lock cannot be checked: refused, with how to clear it.
    fs.writeFileSync(`${db}.lock`, JSON.stringify({ pid: 1, host: 'other-host', since: 'earlier' }));
    expect(() => lockSqliteFile(db, at)).toThrow(/可删除 .*x\.db\.lock 后再启动/);
    fs.rmSync(dir, { recursive: true, force: true });
  });
});
