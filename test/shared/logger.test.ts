import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/shared/logger.js';
import { maskPhone, maskPhonesInText } from '../../src/shared/phone.js';

describe('phone masking', () => {
  it('masks mobile numbers as 138****5678', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhonesInText('业主刘洋 13812345678，备用 15900001111')).toBe('业主刘洋 138****5678，备用 159****1111');
  });

  it('leaves landlines, unit numbers and long ids alone', () => {
    expect(maskPhonesInText('前台 0571-8888 6666，3栋2单元1201，单号 2026112812345678901')).toBe(
      '前台 0571-8888 6666，3栋2单元1201，单号 2026112812345678901',
    );
  });

  it('no log line carries a whole phone number, whatever was logged', () => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (s: string) => lines.push(s) });
    logger.info({ owner: { phone: '13812345678' } }, '业主 13812345678 来电');
    logger.error({ err: new Error('lookup failed for 13987654321') }, 'boom');
    const out = lines.join('');
    expect(out).not.toMatch(/1[3-9]\d{9}/);
    expect(out).toContain('138****5678');
    expect(out).toContain('139****4321');
  });
});

describe('log format', () => {
  const capture = (isTTY: boolean | undefined) => {
    const lines: string[] = [];
    const logger = createLogger('info', { write: (s: string) => lines.push(s), isTTY });
    logger.info({ provider: 'sqlite', owner: { phone: '13812345678' } }, 'database ready');
    logger.error({ err: new Error('lookup failed for 13987654321') }, 'turn failed');
    return lines;
  };

  it('is one JSON object per line when the output is not a terminal (files, pipes, collectors)', () => {
    for (const lines of [capture(undefined), capture(false)]) {
      expect(lines).toHaveLength(2);
      const first = JSON.parse(lines[0]!) as Record<string, unknown>;
      expect(first).toMatchObject({ level: 30, msg: 'database ready', provider: 'sqlite', app: 'wuye-desk' });
    }
  });

  it('is a short line per entry in a terminal: time, level, message, fields — phones still masked', () => {
    const [info, error] = capture(true);
    const plain = (s: string) => s.replace(/\x1b\[\d+m/g, '');
    expect(plain(info!)).toMatch(
      /^\d\d:\d\d:\d\d INFO {2}database ready provider=sqlite owner=\{"phone":"138\*\*\*\*5678"\}\n$/,
    );
    expect(plain(error!)).toMatch(/^\d\d:\d\d:\d\d ERROR turn failed err="lookup failed for 139\*\*\*\*4321"\n {4}at /);
    expect(info).not.toContain('{"level"');
  });
});
