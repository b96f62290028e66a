// An AppError carries a catalogue key: each reader gets its text in their own language.
import { describe, expect, it } from 'vitest';
import { AppError, appErrorFrom, userMessage } from '../../src/shared/app-error.js';

describe('AppError', () => {
  it('renders its message in the reader’s language, zh-CN by default', () => {
    const e = new AppError('NOT_FOUND', 'ticket 7 missing', userMessage('error.notFound'));
    expect(e.userText).toBe('没有找到相关记录。');
    expect(e.textIn('en')).toBe('No matching record was found.');
  });

  it('takes a catalogue key, never a rendered sentence (no text outside the catalogue)', () => {
    // Checked by the compiler (tsc includes test/): a rendered sentence is refused.
    // @ts-expect-error a string is not a UserMessage: user-facing texts live in src/i18n/{zh-CN,en}/…
    const refused = () => new AppError('BAD_INPUT', 'bad args', '用法：认领 0007');
    expect(typeof refused).toBe('function');
    const ok = new AppError('BAD_INPUT', 'bad args', userMessage('command.usage', { usage: '认领 0007' }));
    expect(ok.textIn('zh-CN')).toBe('用法：认领 0007');
    expect(
      new AppError('BAD_INPUT', 'bad args', userMessage('command.usage', { usage: '/claim 0007' })).textIn('en'),
    ).toBe('Usage: /claim 0007');
  });

  it('a code without a message gets the code’s own text', () => {
    expect(new AppError('FORBIDDEN', 'not a supervisor').textIn('en')).toBe('Sorry, you are not allowed to do this.');
  });

  it('a busy database becomes UNAVAILABLE with its "try again" text', () => {
    const e = appErrorFrom({ code: 'SQLITE_BUSY', message: 'database is locked' });
    expect(e?.code).toBe('UNAVAILABLE');
    expect(e?.textIn('zh-CN')).toBe('服务暂时不可用，请稍后再试。');
  });
});
