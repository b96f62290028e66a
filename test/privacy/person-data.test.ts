// PIPL rights end to end: an owner who filed a complaint (with an ID-card and a bank-card number in it) and asked
// for a call back asks 我的数据; staff see the request and the complaint with every number masked; the CLI exports
// everything held about him and then erases it, after which no table holds his name or phone.
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { Prisma as PrismaNs } from '../../src/generated/sqlite/client.js';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

const ID_CARD = '11010119900307123X';
const BANK_CARD = '6222021234567890128';

describeEachDb('person data: export and erase', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  const clock = new Date('2026-11-25T02:00:00Z');
  const now = () => clock;
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'wuye-pipl-'));
  beforeAll(async () => {
    env = await demoBot(provider, now);
    const estate = await env.db.prisma.estate.findFirstOrThrow();
    await env.db.prisma.staffChat.create({
      data: { estateId: estate.id, role: 'ASSISTANT', channel: 'console', chatId: 'grp-assistants' },
    });
  });
  afterAll(async () => {
    await env.db.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  async function cli(...argv: string[]): Promise<{ code: number; out: string }> {
    const out: string[] = [];
    const code = await runCli(argv, { env: { DATABASE_URL: env.db.url, DATA_DIR: tmp }, out: (l) => out.push(l), now });
    return { code, out: out.join('\n') };
  }

  /** Every row of every table, as text. */
  async function everything(): Promise<string> {
    const parts: string[] = [];
    for (const model of Object.values(PrismaNs.ModelName)) {
      const rows = await env.db.prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${model}"`);
      parts.push(JSON.stringify(rows, (_k, v: unknown) => (typeof v === 'bigint' ? Number(v) : v)));
    }
    return parts.join('\n');
  }

  it('staff see the complaint and the 我的数据 request with phone, ID-card and bank-card numbers masked', async () => {
    await chatWith(env.bot, { userId: 'demo-owner' }).converse([
      ['我要投诉噪音', '好的，帮您登记噪音投诉。', '请描述一下发生了什么'],
      [`楼上装修太吵，我是刘洋，电话13812345678，身份证${ID_CARD}，退款请打到${BANK_CARD}`, '问题发生在哪里'],
      ['本户', '如有照片请直接发送'],
      ['好了', '情况紧急吗'],
      ['紧急', '请确认您的投诉'],
      ['是', '投诉已提交'],
      ['我的数据', '已收到您的个人信息申请。物业将在 15 个工作日内联系您核实身份'],
      ['我的数据', '您已有一条个人信息申请在办理中'],
    ]);
    const desk = (await env.db.prisma.outboxMessage.findMany({ where: { address: 'grp-assistants' } })).map(
      (r) => (r.payload as { text: string }).text,
    );
    expect(desk.join('\n')).toContain('【个人信息申请】3栋2单元1201：刘洋（138****5678）申请查阅/删除个人信息');
    expect(desk.join('\n')).toContain('110***********123X');
    expect(desk.join('\n')).toContain('6222***********0128');
    for (const text of desk) {
      expect(text).not.toContain(ID_CARD);
      expect(text).not.toContain(BANK_CARD);
      expect(text).not.toContain('13812345678');
    }
    // The log never holds them whole either.
    const log = env.log.lines.join('');
    expect(log).not.toContain(ID_CARD);
    expect(log).not.toContain(BANK_CARD);
    // A staff member reading the ticket in chat sees it masked.
    const ticket = await env.db.prisma.ticket.findFirstOrThrow({ where: { description: { contains: '楼上装修' } } });
    await chatWith(env.bot, { userId: 'demo-assistant' }).converse([
      [
        `工单 ${ticket.number}`,
        (r) => {
          expect(r.text).toContain('110***********123X');
          expect(r.text).not.toContain(ID_CARD);
          expect(r.text).not.toContain(BANK_CARD);
        },
      ],
    ]);
  });

  it('export-person writes everything held about him as JSON, audited', async () => {
    const file = path.join(tmp, 'liu.json');
    const r = await cli('export-person', '13812345678', '--out', file);
    expect(r).toEqual({ code: 0, out: `已导出 1 人的个人信息到 ${file}（已记入审计日志）。` });
    const doc = JSON.parse(fs.readFileSync(file, 'utf8')) as {
      persons: Array<{ person: { name: string; phone: string; identities: unknown[] }; tickets: unknown[] }>;
    };
    expect(doc.persons).toHaveLength(1);
    expect(doc.persons[0]!.person).toMatchObject({ name: '刘洋', phone: '13812345678' });
    expect(doc.persons[0]!.person.identities.length).toBeGreaterThan(0);
    expect(JSON.stringify(doc.persons[0]!.tickets)).toContain(ID_CARD);
    expect(await env.db.prisma.auditLog.count({ where: { action: 'person.export', actor: 'cli' } })).toBe(1);
    // By unit too: the unit's members.
    const byUnit = await cli('export-person', '3-2-1201', '--out', path.join(tmp, 'unit.json'));
    expect(byUnit.code).toBe(0);
  });

  it('erase-person asks for --yes, then erases in one go: no table holds his name or phone; the ticket keeps its facts', async () => {
    expect(await everything()).toContain('13812345678');
    const ask = await cli('erase-person', '13812345678');
    expect(ask.code).toBe(1);
    expect(ask.out).toContain('将删除 刘洋（138****5678）的个人信息');
    expect(await env.db.prisma.person.count({ where: { phone: '13812345678' } })).toBe(1);

    const r = await cli('erase-person', '13812345678', '--yes');
    expect(r.code).toBe(0);
    expect(r.out).toMatch(/^已删除 刘洋（138\*\*\*\*5678）的个人信息：1 个聊天账号，1 张工单已匿名化/);

    const all = await everything();
    expect(all).not.toContain('13812345678');
    expect(all).not.toContain('刘洋');
    const ticket = await env.db.prisma.ticket.findFirstOrThrow({ where: { description: { contains: '楼上装修' } } });
    expect(ticket).toMatchObject({ category: '噪音', unitId: 'u-3-2-1201' });
    expect(ticket.description).toContain('我是［已删除］，电话［已删除］');
    expect(await env.db.prisma.auditLog.count({ where: { action: 'person.erase' } })).toBe(1);
    expect(await env.db.prisma.privacyRequest.count({ where: { status: 'OPEN' } })).toBe(0);
    // The chat account is gone: the next message is from a stranger.
    await chatWith(env.bot, { userId: 'demo-owner' }).converse([['我的信息', '本聊天账号尚未绑定']]);
    // Staff are not erased from here.
    const staff = await cli('erase-person', '13800000001', '--yes');
    expect(staff).toEqual({ code: 1, out: '王芳 是员工，请先停用其员工记录再删除个人信息。' });
  });
});
