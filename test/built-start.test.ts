// `npm start` runs the esbuild bundle (scripts/build.mjs), not the TypeScript: this builds it afresh into its own
// folder and starts it as `npm start` does, on a new SQLite file, until /healthz answers — so a file the bundle
// cannot find (migrations, the NLU model, holiday calendars, the generated Prisma client, the font) fails here.
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { until } from './support/patience.js';
import { startNodeFlags } from '../scripts/start-flags.js';

const root = path.resolve(import.meta.dirname, '..');

describe('the production start (built JavaScript)', () => {
  const outdir = path.join(root, 'node_modules', '.cache', `wuye-built-start-${process.pid}`);
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-built-'));
  let child: ChildProcess | undefined;
  let log = '';

  beforeAll(() => {
    const r = spawnSync(process.execPath, ['scripts/build.mjs', '--outdir', outdir], { cwd: root, encoding: 'utf8' });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
  });

  afterAll(async () => {
    if (child && child.exitCode === null) {
      const exited = new Promise((resolve) => child!.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    }
    fs.rmSync(outdir, { recursive: true, force: true });
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('starts on a new SQLite file, seeds the demo estate, answers /healthz and books a time in the console chat', async () => {
    child = spawn(process.execPath, [...startNodeFlags(), path.join(outdir, 'main.js')], {
      // Started from another directory: nothing may depend on the working directory but the relative DATA_DIR.
      cwd: tmp,
      env: {
        ...process.env,
        DATABASE_URL: `file:${path.join(tmp, 'wuye.db')}`,
        DATA_DIR: tmp,
        PORT: '0',
        HOST: '127.0.0.1',
        CONSOLE_CHAT: 'on',
        SCHEDULER: 'off',
        WECHATY_PUPPET: '',
        TELEGRAM_BOT_TOKEN: '',
        WECHAT_OA_APP_ID: '',
      },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    child.stdout!.on('data', (d: Buffer) => (log += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (log += d.toString()));

    // PORT=0: the system picks a free port, which the start-up log names.
    const port = await until(() => {
      if (child!.exitCode !== null) throw new Error(`exited with ${child!.exitCode}:\n${log}`);
      return /(?:localhost|127\.0\.0\.1):(\d+)\/api\/messages/.exec(log)?.[1];
    }, 'the built bot to listen');
    const res = await fetch(`http://127.0.0.1:${port}/healthz`);
    const health = { status: res.status, body: (await res.json()) as unknown };
    expect(health).toMatchObject({ status: 200, body: { ok: true, database: 'sqlite' } });
    expect(log).toContain('锦绣花园');
    // With the console on, the demo gives every desk role a console group, so no staff notice takes the fallback.
    expect((health.body as { staffGroupsMissing: unknown[] }).staffGroupsMissing).toEqual([]);
    // The packaged font was found from the bundle (else start-up warns about tofu boxes).
    expect(log).not.toContain('未找到中文字体');

    // A menu and a date prompt: the recognizer packages the bundle loads on first use must be there when used.
    const say = async (line: string, expected: RegExp) => {
      const from = log.length;
      child!.stdin!.write(`${line}\n`);
      return until(() => expected.exec(log.slice(from))?.[0], `a reply to ${line} matching ${expected}`);
    };
    await say('钥匙', /1 寄存钥匙/);
    await say('1', /寄存哪些钥匙/);
    await say('入户门钥匙 2 把', /哪天几点/);
    // Booked, or (on a day whose next morning is full or closed) told why: either way the time was understood.
    await say('明天上午十点', /已预约 \d{4}-\d{2}-\d{2} 10:00|已约满|没有可预约|没听懂/).then((reply) =>
      expect(reply).not.toBe('没听懂'),
    );
  });
});
