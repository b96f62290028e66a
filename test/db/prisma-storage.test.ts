import { afterAll, beforeAll, expect, it } from 'vitest';
import { PrismaStorage } from '../../src/db/prisma-storage.js';
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
