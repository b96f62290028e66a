import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig, ConfigError } from '../src/config.js';

const root = path.resolve(import.meta.dirname, '..');

describe('configuration', () => {
  it('defaults to the embedded SQLite file, port 3978 and Asia/Shanghai', () => {
    const c = parseConfig({});
    expect(c).toMatchObject({
      DATABASE_URL: 'file:./data/wuye.db',
      PORT: 3978,
      TZ: 'Asia/Shanghai',
      CONSOLE_CHAT: 'auto',
    });
  });

  it('names the variable that is wrong', () => {
    expect(() => parseConfig({ DATABASE_URL: 'mysql://x' })).toThrow(/DATABASE_URL: 必须以 file:/);
    expect(() => parseConfig({ PORT: 'abc' })).toThrow(ConfigError);
    expect(() => parseConfig({ TZ: 'Mars/Base' })).toThrow(/TZ: 不是有效的 IANA 时区/);
    expect(() => parseConfig({ CONSOLE_CHAT: 'maybe' })).toThrow(/CONSOLE_CHAT/);
  });

  it('a wrong DATABASE_URL stops `npm start` with a clear message and a non-zero exit code', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'mysql://root@localhost/wuye', CONSOLE_CHAT: 'off' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain('配置错误');
    expect(r.stderr).toContain('DATABASE_URL');
  });

  it('an unreachable PostgreSQL stops start-up with a message, not a hang', () => {
    const r = spawnSync(process.execPath, ['--import', 'tsx', 'src/main.ts'], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: 'postgresql://nobody@127.0.0.1:1/none', CONSOLE_CHAT: 'off' },
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('启动失败');
  });
});

describe('documentation of the configuration', () => {
  it('every variable the app reads is in .env.example and in the README table', async () => {
    const fs = await import('node:fs');
    const { configSchema } = await import('../src/config.js');
    const shape = (
      configSchema as unknown as {
        _zod: { def: { in?: { shape: Record<string, unknown> }; shape?: Record<string, unknown> } };
      }
    )._zod.def;
    const keys = Object.keys(shape.in?.shape ?? shape.shape ?? {});
    expect(keys.length).toBeGreaterThan(15);
    const example = fs.readFileSync(path.join(root, '.env.example'), 'utf8');
    const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');
    for (const k of keys) {
      expect(example, `.env.example lacks ${k}`).toMatch(new RegExp(`^${k}=`, 'm'));
      expect(readme, `README lacks ${k}`).toContain(`\`${k}\``);
    }
  });
});
