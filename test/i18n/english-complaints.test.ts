// An owner whose account language is English files complaints (free text and menu), follows them (我的投诉), gets the
// accepted / resolved notices and the 回访 question in English, answers it, asks for a person (转人工) and reports an
// emergency — and reads no Chinese apart from data (names, unit label, what staff typed).
import { afterAll, beforeAll, expect, it } from 'vitest';
import type { Activity } from 'botbuilder';
import { chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;
/** Data values the owner may see as they are: names, the unit label, what staff wrote. */
const DATA = [
  '3栋2单元1201',
  '刘洋',
  '王芳',
  '李强',
  '张敏',
  '已协调楼上业主改为九点后施工',
  '楼上每天早上七点就开始电钻',
];
const stripData = (s: string) => DATA.reduce((acc, d) => acc.split(d).join(''), s);

describeEachDb('English-speaking owner: complaints, tickets, 回访, 转人工, emergencies', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = new Date('2026-11-30T02:00:00Z'); // Monday 10:00 Shanghai: the desk is open
  const later = (hours: number) => {
    clock = new Date(clock.getTime() + hours * 3_600_000);
  };

  beforeAll(async () => {
    env = await demoBot(provider, () => clock);
    await say('你好', 'conv-hello');
    const changed = await env.db.prisma.channelIdentity.updateMany({
      where: { externalId: 'demo-owner' },
      data: { locale: 'en' },
    });
    expect(changed.count).toBe(1);
  });
  afterAll(async () => {
    await env.db.drop();
  });

  const textOf = (a: Partial<Activity>) =>
    [a.text ?? '', ...(a.suggestedActions?.actions ?? []).map((x) => String(x.title))].join('\n');

  /** One message from `userId`; all replies (text and buttons) as one string. */
  async function say(text: string, conversationId: string, userId = 'demo-owner'): Promise<string> {
    const chat = chatWith(env.bot, { userId, conversationId });
    await chat.adapter.receiveActivity(text);
    return chat.adapter.activeQueue.splice(0).map(textOf).join('\n');
  }

  /** Owner turns in one conversation; every reply is checked for Chinese outside data. */
  async function owner(conversationId: string, text: string): Promise<string> {
    const reply = await say(text, conversationId);
    expect(stripData(reply), `reply to "${text}"`).not.toMatch(CJK);
    return reply;
  }

  /** What the outbox holds for the owner's chat account, oldest first. */
  async function ownerNotices(): Promise<string[]> {
    const rows = await env.db.prisma.outboxMessage.findMany({
      where: { address: 'demo-owner', isGroup: false },
      orderBy: [{ createdAt: 'asc' }, { id: 'asc' }],
    });
    return rows.map((r) => String((r.payload as { text?: string }).text ?? ''));
  }

  it('files a complaint by free text, follows it, gets the notices and the 回访 question in English, answers it', async () => {
    const c = 'conv-free';
    expect(await owner(c, '我要投诉噪音')).toContain('OK, I will file a complaint about Noise.');
    const where = await owner(c, '楼上每天早上七点就开始电钻');
    expect(where).toContain('Where is the problem?');
    expect(where).toContain('My home');
    expect(await owner(c, 'Somewhere else')).toContain('Please reply "My home" or "Common area".');
    expect(await owner(c, 'My home')).toContain('If you have photos, send them now');
    expect(await owner(c, 'what?')).toContain('Please send photos and reply "done" when finished');
    const urgency = await owner(c, 'no');
    expect(urgency).toContain('Is it urgent?');
    expect(urgency).toContain('Urgent');
    const summary = await owner(c, 'Normal');
    expect(summary).toContain('Please check your complaint:\nCategory: Noise');
    expect(summary).toContain('Location: My home 3栋2单元1201');
    expect(summary).toContain('Urgency: Normal');
    expect(await owner(c, 'Yes')).toMatch(
      /Complaint submitted, ticket number TS-20261130-0001\.\nWe will respond within 2 hours of desk hours \(by 2026-11-30 12:00\)/,
    );
    const ticket = await env.db.prisma.ticket.findFirstOrThrow({ where: { number: 'TS-20261130-0001' } });
    // Staff read the record in Chinese: the stored category and location stay the desk's words.
    expect(ticket).toMatchObject({ category: '噪音', location: '本户 3栋2单元1201' });

    // 我的投诉: the list and the ticket in English.
    const m = 'conv-mine';
    const list = await owner(m, '我的投诉');
    expect(list).toContain('Your complaints:\n1. TS-20261130-0001 Noise | Awaiting acceptance');
    expect(list).toContain('next: Waiting for the desk to accept it');
    expect(await owner(m, '7')).toContain('Please reply with a number from the list, or "back".');
    const detail = await owner(m, '1');
    expect(detail).toContain('Ticket TS-20261130-0001 | Noise | Awaiting acceptance');
    expect(detail).toContain('Owner complaint filed');
    expect(detail).toContain('You can: Add info / Withdraw / Back');
    expect(await owner(m, 'Add info')).toContain('Type what you want to add, or send photos:');
    expect(await owner(m, 'It starts at 7 sharp')).toContain(
      'Added to ticket TS-20261130-0001; the staff will see it.',
    );

    // Staff work it in Chinese; the owner's notices come in English.
    expect(await say('认领 0001', 'conv-staff', 'demo-assistant')).toContain('已认领工单 TS-20261130-0001');
    expect(await say('办结 0001 已协调楼上业主改为九点后施工', 'conv-staff', 'demo-assistant')).toContain('已办结');
    later(3);
    expect(await env.complaints.runSurveys((id) => env.estates.byId(id))).toMatchObject({ asked: 1 });
    const notices = await ownerNotices();
    // One instant (the pinned clock): the outbox order among them is not the point.
    expect(notices).toHaveLength(3);
    expect(notices).toEqual(
      expect.arrayContaining([
        'Your complaint TS-20261130-0001 has been accepted; 王芳 is handling it.',
        'Your complaint TS-20261130-0001 has been resolved: 已协调楼上业主改为九点后施工\nIf the problem remains, tell us when we ask for feedback.',
        expect.stringContaining(
          '[Follow-up] Your complaint TS-20261130-0001 has been resolved. Is the problem solved?',
        ),
      ]),
    );
    for (const n of notices) expect(stripData(n)).not.toMatch(CJK);

    // The answer, in the words the question offered.
    expect(await owner('conv-rate', '2 stars, still noisy at night')).toContain(
      'Thank you for the feedback, and sorry it was not handled well. Ticket TS-20261130-0001 has been reopened',
    );
    expect(await ownerNotices()).toContain(
      'Sorry we did not get it right. Ticket TS-20261130-0001 has been reopened; a supervisor will follow up.',
    );
    // Resolved again, asked again: "very satisfied" closes it.
    expect(await say('办结 0001 已协调楼上业主改为九点后施工', 'conv-staff', 'demo-assistant')).toContain('已办结');
    later(3);
    await env.complaints.runSurveys((id) => env.estates.byId(id));
    expect(await owner('conv-rate2', 'very satisfied')).toContain(
      'Thank you for your rating (5 of 5)! Ticket TS-20261130-0001 is now closed.',
    );
    // A closed ticket can be looked at, not changed.
    await owner('conv-mine2', '我的投诉');
    expect(await owner('conv-mine2', '1')).toContain(
      'This ticket is closed; it can no longer be added to or withdrawn.',
    );
  });

  it('files a complaint from the menu, changes its category, then withdraws it', async () => {
    const c = 'conv-menu';
    const categories = await owner(c, '投诉');
    expect(categories).toContain('What is the complaint about?');
    expect(categories).toContain('Parking');
    expect(categories).toContain('Shared facilities');
    expect(await owner(c, 'Gardening')).toContain('Please pick one of the categories below');
    expect(await owner(c, 'Cleanliness')).toContain('Please describe what happened');
    expect(await owner(c, 'Rubbish piled up in the stairwell')).toContain('Where is the problem?');
    expect(await owner(c, 'Common area')).toContain('Where exactly?');
    expect(await owner(c, 'Building 3 stairwell, 5th floor')).toContain('If you have photos');
    expect(await owner(c, 'done')).toContain('Is it urgent?');
    const summary = await owner(c, 'Urgent');
    expect(summary).toContain('Location: Common area: Building 3 stairwell, 5th floor');
    expect(summary).toContain('Urgency: Urgent');
    expect(summary).toContain('Change category');
    expect(await owner(c, 'maybe')).toContain('Please reply "Yes" to submit, "Change category"');
    expect(await owner(c, 'Change category')).toContain('What is the complaint about?');
    expect(await owner(c, 'Shared facilities')).toContain('Category: Shared facilities');
    expect(await owner(c, 'Yes')).toMatch(
      /Complaint submitted, ticket number TS-20261130-0002\.\nWe will respond within 30 minutes/,
    );

    const m = 'conv-withdraw';
    const list = await owner(m, '我的投诉');
    expect(list).toContain('TS-20261130-0002 Shared facilities | Awaiting acceptance');
    await owner(m, 'TS-20261130-0002');
    expect(await owner(m, 'Withdraw')).toContain('Withdraw ticket TS-20261130-0002? (Yes/No)');
    expect(await owner(m, 'Yes')).toContain('Ticket TS-20261130-0002 has been withdrawn.');
  });

  it('asks for a person (转人工) in English', async () => {
    const c = 'conv-handoff';
    expect(await owner(c, '转人工')).toContain('Briefly, what is it about?');
    expect(await owner(c, 'The lift in building 3 keeps stopping')).toContain('When should we contact you?');
    expect(await owner(c, 'yesterday morning')).toContain('That time has passed');
    expect(await owner(c, '尽快')).toMatch(/Request RG-\w{6} recorded\. Topic: The lift in building 3 keeps stopping/);
  });

  it('reports an emergency in English: advice at once, then who was told', async () => {
    const c = 'conv-emergency';
    const kinds = await owner(c, '紧急情况');
    expect(kinds).toContain('What is the emergency? Reply with a number or describe it:\n1. Burst pipe');
    expect(kinds).toContain('3. Trapped in a lift');
    const reply = await owner(c, '3');
    expect(reply).toContain('[Trapped in a lift] Stay calm and press the alarm or intercom button in the lift.');
    expect(reply).toContain('Property emergency line:');
    expect(reply).toMatch(/incident TS-20261130-0003|Incident TS-20261130-0003/);
    // A staff member acknowledges it: the owner hears in English.
    expect(await say('收到 0003', 'conv-staff', 'demo-foreman')).toContain('TS-20261130-0003');
    expect(await ownerNotices()).toContain(
      'The property office has your emergency report (TS-20261130-0003); 李强 is dealing with it.',
    );
  });
});
