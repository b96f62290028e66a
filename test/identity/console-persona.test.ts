import { describe, expect, it } from 'vitest';
import { consolePersonaCommand } from '../../src/identity/console-persona.js';

describe('console persona switch', () => {
  it('switches the console between the demo owner, assistant and supervisor', async () => {
    const printed: string[] = [];
    const c = { userId: 'demo-owner', print: (t: string) => printed.push(t) };
    expect(await consolePersonaCommand('/persona assistant', c)).toBe(true);
    expect(c.userId).toBe('demo-assistant');
    expect(printed.at(-1)).toContain('客户助理 王芳');
    expect(await consolePersonaCommand('/persona 主管', c)).toBe(true);
    expect(c.userId).toBe('demo-supervisor');
    expect(await consolePersonaCommand('/persona owner', c)).toBe(true);
    expect(c.userId).toBe('demo-owner');
  });

  it('explains usage for an unknown persona and leaves other lines to the bot', async () => {
    const printed: string[] = [];
    const c = { userId: 'demo-owner', print: (t: string) => printed.push(t) };
    expect(await consolePersonaCommand('/persona pilot', c)).toBe(true);
    expect(c.userId).toBe('demo-owner');
    expect(printed.at(-1)).toContain('用法：/persona owner|assistant');
    expect(await consolePersonaCommand('物业费', c)).toBe(false);
  });
});
