// #17 retention: the nightly sweep removes what has a natural end and nothing else. The clock is injected: every age
// below is relative to NOW, never to the day the test runs.
import { afterAll, beforeAll, expect, it } from 'vitest';
import { DEFAULT_RETENTION, expireData, retentionJobs } from '../../src/privacy/retention.job.js';
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';

const NOW = new Date('2026-12-05T03:40:00+08:00');
const DAY = 24 * 60 * 60 * 1000;
const ago = (ms: number) => new Date(NOW.getTime() - ms);

describeEachDb('retention', (provider) => {
  let db: TestDatabase;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
  });
  afterAll(async () => {
    await db.drop();
  });

  /** A chat account with its user state and private conversation state, both last written at `seen`. */
  const account = async (externalId: string, seen: Date, personId: string | null = null) => {
    const identity = await db.prisma.channelIdentity.create({
      data: {
        channel: 'telegram',
        externalId,
        personId,
        createdAt: seen,
        lastSeenAt: seen,
        conversationRef: JSON.stringify({ conversation: { id: `c${externalId}` } }),
      },
    });
    await db.prisma.botState.createMany({
      data: [
        { key: `telegram/users/${externalId}`, data: '{}' },
        { key: `telegram/conversations/c${externalId}`, data: '{"recentInbound":["1"]}' },
      ],
    });
    return identity;
  };
  const outbox = (key: string, status: 'SENT' | 'PENDING' | 'DEAD', at: Date) =>
    db.prisma.outboxMessage.create({
      data: {
        channel: 'telegram',
        address: '1',
        kind: 'notice',
        payload: { text: key },
        dedupeKey: key,
        status,
        createdAt: at,
        nextAttemptAt: at,
        sentAt: status === 'SENT' ? at : null,
      },
    });

  it('expires idle unbound accounts, old sent notices and spent binding failures; keeps everything else', async () => {
    const owner = await db.prisma.person.create({ data: { name: '刘洋', phone: '13800001234' } });
    await account('idle-unbound', ago(31 * DAY));
    const asked = await account('idle-unbound-with-handoff', ago(31 * DAY));
    await db.prisma.handoff.create({ data: { identityId: asked.id, topic: '其他', callbackText: '随时' } });
    await account('recent-unbound', ago(29 * DAY));
    await account('idle-bound', ago(400 * DAY), owner.id);
    await outbox('sent-91d', 'SENT', ago(91 * DAY));
    await outbox('sent-89d', 'SENT', ago(89 * DAY));
    await outbox('pending-200d', 'PENDING', ago(200 * DAY));
    await outbox('dead-200d', 'DEAD', ago(200 * DAY));
    const failure = (identityId: string, at: Date) =>
      db.prisma.bindingFailure.create({ data: { estateId: 'e', identityId, method: 'name', at } });
    await failure('x', ago(DAY + 60_000));
    await failure('y', ago(DAY - 60_000));

    const [job] = retentionJobs({ retention: createRepositories(db.prisma).retention });
    expect(job).toMatchObject({ id: 'retention.expire', cron: '40 3 * * *' });
    const logged: object[] = [];
    await job!.handler({
      scheduledFor: NOW,
      now: NOW,
      logger: { info: (o: object) => logged.push(o) } as never,
    });
    expect(logged).toEqual([{ states: 4, identities: 1, outbox: 1, bindingFailures: 1 }]);

    const ids = (await db.prisma.channelIdentity.findMany({ orderBy: { externalId: 'asc' } })).map((i) => i.externalId);
    // The account a 转人工 request names stays until staff have dealt with it; its dialog state goes.
    expect(ids).toEqual(['idle-bound', 'idle-unbound-with-handoff', 'recent-unbound']);
    const states = (await db.prisma.botState.findMany({ orderBy: { key: 'asc' } })).map((s) => s.key);
    expect(states).toEqual([
      'telegram/conversations/cidle-bound',
      'telegram/conversations/crecent-unbound',
      'telegram/users/idle-bound',
      'telegram/users/recent-unbound',
    ]);
    const notices = (await db.prisma.outboxMessage.findMany({ orderBy: { dedupeKey: 'asc' } })).map((o) => o.dedupeKey);
    expect(notices).toEqual(['dead-200d', 'pending-200d', 'sent-89d']);
    expect((await db.prisma.bindingFailure.findMany()).map((f) => f.identityId)).toEqual(['y']);

    // A second run the next night finds nothing more to do but what has aged meanwhile.
    expect(await expireData(createRepositories(db.prisma).retention, NOW)).toEqual({
      states: 0,
      identities: 0,
      outbox: 0,
      bindingFailures: 0,
    });
    expect(
      await expireData(createRepositories(db.prisma).retention, new Date(NOW.getTime() + 2 * DAY), {
        ...DEFAULT_RETENTION,
        sentOutboxDays: 90,
      }),
    ).toEqual({ states: 2, identities: 1, outbox: 1, bindingFailures: 1 });
  });
});
