import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrismaStorage } from '../../src/db/prisma-storage.js';
import { driverStatements } from '../../src/db/driver-statements.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';

describeEachDb('PrismaStorage', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('reads back what it wrote, with an eTag', async () => {
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ 'conv/1': { step: 2, text: '漏水' } });
    const items = await storage.read(['conv/1', 'conv/missing']);
    expect(items['conv/1']).toMatchObject({ step: 2, text: '漏水' });
    expect(items['conv/1'].eTag).toBe('1');
    expect(items['conv/missing']).toBeUndefined();
  });

  it('two writers with the same eTag: exactly one wins, the other gets a conflict', async () => {
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ 'conv/race': { n: 0 } });
    const { 'conv/race': a } = await storage.read(['conv/race']);
    const { 'conv/race': b } = await storage.read(['conv/race']);
    const results = await Promise.allSettled([
      storage.write({ 'conv/race': { ...a, n: 1 } }),
      storage.write({ 'conv/race': { ...b, n: 2 } }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    const rejected = results.find((r) => r.status === 'rejected');
    expect((rejected as PromiseRejectedResult).reason).toMatchObject({ code: 'CONFLICT' });
    const after = await storage.read(['conv/race']);
    expect([1, 2]).toContain(after['conv/race'].n);
    expect(after['conv/race'].eTag).toBe('2');
  });

  it('a second save in the same turn uses the refreshed eTag', async () => {
    const storage = new PrismaStorage(db.prisma);
    const item = { v: 1 } as Record<string, unknown>;
    await storage.write({ 'conv/twice': item });
    item.v = 2;
    await storage.write({ 'conv/twice': item });
    expect((await storage.read(['conv/twice']))['conv/twice']).toMatchObject({ v: 2, eTag: '2' });
  });

  it('delete removes the item', async () => {
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ 'conv/del': { x: 1 } });
    await storage.delete(['conv/del']);
    expect(await storage.read(['conv/del'])).toEqual({});
  });
});

describeEachDb('PrismaStorage on the driver connection, beside Prisma transactions', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });

  it('runs prepared on the driver for the client openDatabase built, and reads what Prisma wrote and vice versa', async () => {
    expect(driverStatements(db.prisma)).toBeDefined();
    const storage = new PrismaStorage(db.prisma);
    await storage.write({ 'conv/driver': { step: 1 } });
    const row = await db.prisma.botState.findUnique({ where: { key: 'conv/driver' } });
    expect(JSON.parse(row!.data)).toEqual({ step: 1 });
    expect(row!.updatedAt).toBeInstanceOf(Date);
    expect(Math.abs(row!.updatedAt.getTime() - Date.now())).toBeLessThan(60 * 60_000);
    await db.prisma.botState.update({ where: { key: 'conv/driver' }, data: { data: '{"step":2}', version: 7 } });
    expect((await storage.read(['conv/driver']))['conv/driver']).toEqual({ step: 2, eTag: '7' });
  });

  it('a state write during a transaction that rolls back is kept, and a read sees only committed rows', async () => {
    const storage = new PrismaStorage(db.prisma);
    let readDuring: Promise<unknown> | undefined;
    let writeDuring: Promise<unknown> | undefined;
    await expect(
      db.prisma.$transaction(async (tx) => {
        await tx.botState.create({ data: { key: 'conv/in-tx', data: '{"tx":true}' } });
        // Issued while the transaction is open: on SQLite they share its connection and must wait for its end.
        readDuring = storage.read(['conv/in-tx']);
        writeDuring = storage.write({ 'conv/beside-tx': { kept: true } });
        await new Promise((r) => setTimeout(r, 50));
        throw new Error('roll back');
      }),
    ).rejects.toThrow('roll back');
    expect(await readDuring).toEqual({});
    await writeDuring;
    expect(await storage.read(['conv/beside-tx', 'conv/in-tx'])).toEqual({
      'conv/beside-tx': { kept: true, eTag: '1' },
    });
  });

  it('a transaction client (no driver statements of its own) reads and writes inside its transaction', async () => {
    await db.prisma.$transaction(async (tx) => {
      expect(driverStatements(tx)).toBeUndefined();
      const inTx = new PrismaStorage(tx as typeof db.prisma);
      await inTx.write({ 'conv/tx-client': { n: 1 } });
      expect((await inTx.read(['conv/tx-client']))['conv/tx-client']).toMatchObject({ n: 1 });
    });
    expect((await new PrismaStorage(db.prisma).read(['conv/tx-client']))['conv/tx-client']).toMatchObject({ n: 1 });
  });
});
