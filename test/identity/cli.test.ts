import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from '../../src/cli.js';
import { seedDemo } from '../../src/db/seed.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { BindingService } from '../../src/identity/binding.service.js';
import { containsUnmaskedPhone } from '../../src/shared/phone.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

const NOW = new Date('2026-11-28T10:00:00+08:00');
const now = () => NOW;

describeEachDb('cli', (provider) => {
  let db: TestDatabase;
  const out: string[] = [];
  const cli = (...args: string[]) => runCli(args, { env: { DATABASE_URL: db.url }, out: (l) => out.push(l), now });
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('issues a binding code that binds, registers owners and staff, masks phones', async () => {
    expect(await cli('binding-code', '3-2-1201')).toBe(0);
    const code = /绑定码: (\d{8})/.exec(out.at(-1) ?? '')?.[1];
    expect(code).toBeDefined();
    const acc = await db.prisma.channelIdentity.create({ data: { channel: 'test', externalId: 'cli-owner' } });
    const svc = new BindingService(createRepositories(db.prisma), testNotifier(), now);
    const unit = (await svc.resolveUnit((await db.prisma.estate.findFirstOrThrow()).id, '3-2-1201'))!;
    expect(await svc.bindWithCode(acc.id, unit, code!)).toMatchObject({ ok: true });

    expect(await cli('add-owner', '--name', '钱多多', '--phone', '13566667777', '--unit', '1栋2单元501')).toBe(0);
    expect(out.at(-1)).toBe('已登记业主 钱多多（135****7777）: 1栋2单元501');
    expect(await cli('add-staff', '--name', '郑新', '--phone', '13566668888', '--role', '客户助理')).toBe(0);
    expect(await cli('staff-code', '郑新')).toBe(0);
    expect(out.at(-1)).toMatch(/郑新（客户助理）的员工码: \d{10}/);
    expect(await cli('binding-code', '9-9-9999')).toBe(1);
    expect(out.at(-1)).toContain('没有找到房号');
    expect(await cli('migrate')).toBe(0);
    for (const l of out) expect(containsUnmaskedPhone(l)).toBe(false);
  });
});
