// Who is writing, and where proactive messages to them go.
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { seedDemo } from '../../src/db/seed.js';
import { EstateService } from '../../src/estate/estate.service.js';
import { IdentityService } from '../../src/identity/identity.service.js';
import { inboundTurn } from '../../src/bot/inbound-turn.js';
import { testNotifier } from '../support/channels.js';

const { identityAddress } = testNotifier();
import { createTestDatabase, describeEachDb, type TestDatabase } from '../support/databases.js';
import { createRepositories } from '../../src/db/prisma-repositories.js';
import { PrismaStorage } from '../../src/db/prisma-storage.js';

const activity = (conversationId: string, isGroup: boolean): Partial<Activity> => ({
  type: 'message',
  channelId: 'msteams',
  serviceUrl: 'https://smba.example/cn/',
  from: { id: 'teams-user-1', name: '王芳' },
  recipient: { id: 'bot', name: '物业前台' },
  conversation: { id: conversationId, isGroup, name: '', conversationType: isGroup ? 'channel' : 'personal' },
});

const NOW = new Date('2026-11-25T10:00:00+08:00');
const later = (minutes: number) => new Date(NOW.getTime() + minutes * 60_000);

describeEachDb('IdentityService', (provider) => {
  let db: TestDatabase;
  let identity: IdentityService;
  beforeAll(async () => {
    db = await createTestDatabase(provider);
    await seedDemo(db.prisma);
    identity = new IdentityService(
      createRepositories(db.prisma).identities,
      new EstateService(createRepositories(db.prisma).estates),
    );
  });
  afterAll(async () => db.drop());

  it('a Teams user who writes in a group still gets personal notices in the personal chat', async () => {
    const personal = await identity.identify(inboundTurn(activity('a:personal-chat', false)), NOW);
    await identity.identify(inboundTurn(activity('19:group-chat@thread.tacv2', true)), later(1));
    const row = await db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: personal.identityId } });
    const address = identityAddress(row);
    expect(address).toContain('a:personal-chat');
    expect(address).not.toContain('group-chat');
  });

  it('first contact from a group stores no address (nothing is sent to the group by mistake)', async () => {
    const first = await identity.identify(
      inboundTurn({ ...activity('19:other-group@thread.tacv2', true), from: { id: 'teams-user-2', name: '李雷' } }),
      later(2),
    );
    const row = await db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: first.identityId } });
    expect(identityAddress(row)).toBeNull();
    expect(first.isGroup).toBe(true);
  });

  it('a turn rewrites the account only when its address moved or it was last seen a minute ago or more', async () => {
    const who = { ...activity('a:quiet-chat', false), from: { id: 'teams-user-3', name: '韩梅' } };
    const first = await identity.identify(inboundTurn({ ...who, id: 'msg-1' }), NOW);
    const read = () => db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: first.identityId } });
    const stored = await read();
    expect(stored.lastSeenAt.toISOString()).toBe(NOW.toISOString());
    // The id of the message is no part of the address: the next message 30 s later leaves the row as it was.
    expect(stored.conversationRef).not.toContain('msg-1');
    await identity.identify(inboundTurn({ ...who, id: 'msg-2' }), new Date(NOW.getTime() + 30_000));
    expect(await read()).toEqual(stored);
    // A minute on, lastSeenAt moves (the most recently used account is the one notices go to).
    await identity.identify(inboundTurn({ ...who, id: 'msg-3' }), later(1));
    expect((await read()).lastSeenAt.toISOString()).toBe(later(1).toISOString());
    // A new conversation is written at once, whatever the time.
    await identity.identify(
      inboundTurn({ ...who, id: 'msg-4', conversation: { ...who.conversation!, id: 'a:new-chat' } }),
      later(1),
    );
    expect(identityAddress(await read())).toContain('a:new-chat');
  });

  it('identifyWithState: the sender and the conversation state of one turn, from one read, for any mix of the two', async () => {
    const storage = new PrismaStorage(db.prisma);
    const who = { ...activity('a:state-chat', false), from: { id: 'teams-user-4', name: '周强' } };
    const key = 'msteams/conversations/a:state-chat/';
    // Nobody and nothing yet: a provisional sender (nothing written) and no state.
    const before = await identity.identifyWithState(inboundTurn(who), NOW, key);
    expect(before.sender).toMatchObject({ provisional: true, identityId: '' });
    expect(before.state).toBeUndefined();
    expect(await db.prisma.channelIdentity.count({ where: { externalId: 'teams-user-4' } })).toBe(0);
    // A state but no account yet (the account is written only when a message needs it, #17).
    await storage.write({ [key]: { dialogState: { dialogStack: [{ id: 'complaint' }] }, recentInbound: ['m-1'] } });
    const stateOnly = await identity.identifyWithState(inboundTurn(who), NOW, key);
    expect(stateOnly.sender.provisional).toBe(true);
    expect(stateOnly.state?.item).toEqual({
      dialogState: { dialogStack: [{ id: 'complaint' }] },
      recentInbound: ['m-1'],
      eTag: '1',
    });
    expect(JSON.parse(stateOnly.state!.text)).toEqual({
      dialogState: { dialogStack: [{ id: 'complaint' }] },
      recentInbound: ['m-1'],
    });
    // The account and the state: the same sender identify() gives, and the stored item.
    const created = await identity.identify(inboundTurn(who), NOW);
    const both = await identity.identifyWithState(inboundTurn(who), later(2), key);
    expect(both.sender).toEqual(await identity.identify(inboundTurn(who), later(2), { create: false }));
    expect(both.sender.identityId).toBe(created.identityId);
    expect(both.state?.item.recentInbound).toEqual(['m-1']);
    // The read refreshes lastSeenAt as identify does.
    const row = await db.prisma.channelIdentity.findUniqueOrThrow({ where: { id: created.identityId } });
    expect(row.lastSeenAt.toISOString()).toBe(later(2).toISOString());
    // An account in another conversation with no state yet.
    const elsewhere = await identity.identifyWithState(inboundTurn(who), later(2), 'msteams/conversations/a:new/');
    expect(elsewhere.sender.identityId).toBe(created.identityId);
    expect(elsewhere.state).toBeUndefined();
    // A state row that is not a JSON object (hand-edited, cut short) is no state, not a failed turn.
    await db.prisma.botState.update({ where: { key }, data: { data: '[1,2]' } });
    expect((await identity.identifyWithState(inboundTurn(who), later(2), key)).state).toBeUndefined();
    await db.prisma.botState.update({ where: { key }, data: { data: '{"dialogState":{"dialogSta' } });
    expect((await identity.identifyWithState(inboundTurn(who), later(2), key)).state).toBeUndefined();
  });
});
