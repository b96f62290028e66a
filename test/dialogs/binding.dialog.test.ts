import { afterAll, beforeAll, expect, it } from 'vitest';
import { BindingService } from '../../src/identity/binding.service.js';
import { buttons, chatWith } from '../support/conversation.js';
import { demoBot } from '../support/app.js';
import { describeEachDb } from '../support/databases.js';
import { testNotifier } from '../support/channels.js';

describeEachDb('binding dialog', (provider) => {
  let env: Awaited<ReturnType<typeof demoBot>>;
  let clock = new Date('2026-11-28T02:00:00Z');
  const now = () => clock;
  let svc: BindingService;
  let estateId: string;
  beforeAll(async () => {
    env = await demoBot(provider, now);
    svc = new BindingService(env.repos, testNotifier(), now);
    estateId = (await env.db.prisma.estate.findFirstOrThrow()).id;
  });
  afterAll(async () => {
    await env.db.drop();
  });

  it('an unbound person asking for 物业费 binds by name + last 4 first, then continues to 物业费', async () => {
    await chatWith(env.bot, { userId: 'new-1' }).converse([
      ['物业费', /为保护您的隐私[\s\S]*请告诉我您的房号/],
      ['3幢2单元1201室', (r) => expect(buttons(r)).toEqual(['前台绑定码', '姓名+手机尾号'])],
      ['姓名+手机尾号', '请输入登记在物业的姓名'],
      ['刘洋', '手机号的后 4 位'],
      // Then straight on to 物业费 (whatever that flow answers first), without asking to bind again.
      ['5678', '绑定成功！您已绑定房屋 3栋2单元1201', (r) => expect(r.text).not.toContain('为保护您的隐私')],
    ]);
  });

  it('binds with a front-desk code; a wrong, a reused and an expired code are each explained', async () => {
    const a = await svc.issueBindingCode(estateId, '1-1-301', 'test');
    const wrong = a.code === '00000000' ? '00000001' : '00000000';
    await chatWith(env.bot, { userId: 'new-code' }).converse([
      ['绑定', '请告诉我您的房号'],
      ['1-1-301', '请选择验证方式'],
      ['前台绑定码', '8 位绑定码'],
      ['12345', '绑定码是 8 位数字'],
      [wrong, /绑定码不正确。还可以再试 4 次/, '请选择验证方式'],
      ['1', '8 位绑定码'],
      [a.code, '绑定成功！您已绑定房屋 1栋1单元301'],
    ]);
    await chatWith(env.bot, { userId: 'new-code-2' }).converse([
      ['绑定', '请告诉我您的房号'],
      ['1栋1单元301', '请选择验证方式'],
      ['绑定码', '8 位绑定码'],
      [a.code, '该绑定码已被使用过', '请选择验证方式'],
    ]);
    const late = await svc.issueBindingCode(estateId, '1-1-301', 'test');
    clock = new Date(clock.getTime() + 25 * 3600_000);
    await chatWith(env.bot, { userId: 'new-code-3' }).converse([
      ['绑定', '请告诉我您的房号'],
      ['1-1-301', '请选择验证方式'],
      ['绑定码', '8 位绑定码'],
      [late.code, '绑定码已过期'],
    ]);
  });

  it('locks out after 5 failures with a clear message that also stops other personal flows', async () => {
    const rows: Array<[string, ...Array<string | RegExp>]> = [
      ['绑定', '房号'],
      ['3-2-1201', '验证方式'],
    ];
    for (let i = 1; i <= 4; i++)
      rows.push(['姓名+手机尾号', '姓名'], ['王五', '后 4 位'], ['1111', `还可以再试 ${5 - i} 次`, '验证方式']);
    rows.push(
      ['姓名+手机尾号', '姓名'],
      ['王五', '后 4 位'],
      ['1111', /验证失败次数过多，为保护账户安全，请于 \d\d:\d\d 后再试/],
    );
    rows.push(['绑定', /验证失败次数过多/]);
    rows.push(['钥匙', /验证失败次数过多/]);
    await chatWith(env.bot, { userId: 'brute' }).converse(rows);
    const fails = await env.db.prisma.auditLog.count({ where: { action: 'binding.fail' } });
    expect(fails).toBeGreaterThanOrEqual(5);
  });

  it('unbound people can still get help and 转人工', async () => {
    await chatWith(env.bot, { userId: 'guest-1' }).converse([
      ['帮助', '我可以帮您'],
      ['转人工', '请简单说明需要协助的事项'],
    ]);
  });

  it('我的信息 shows masked data; 解绑 after confirmation forgets the account', async () => {
    await chatWith(env.bot, { userId: 'new-1' }).converse([
      [
        '我的信息',
        (r) => {
          expect(r.text).toContain('姓名：刘洋');
          expect(r.text).toContain('138****5678');
          expect(r.text).not.toContain('13812345678');
          expect(r.text).toContain('不收集身份证号');
        },
      ],
      ['解绑', '确定要解除本聊天账号与 3栋2单元1201 的绑定吗'],
      ['保留绑定', '已保留绑定'],
      ['解绑', '确定要解除'],
      ['确定解绑', '已解除绑定'],
      ['钥匙', '为保护您的隐私'],
    ]);
  });

  it('a person with two units picks one in 家人 and adds then removes a family member', async () => {
    const liu = await env.db.prisma.person.findFirstOrThrow({ where: { name: '刘洋' } });
    await env.db.prisma.unitMembership.create({ data: { unitId: 'u-2-2-1802', personId: liu.id, role: 'OWNER' } });
    await chatWith(env.bot).converse([
      [
        '家人',
        (r) => {
          expect(r.text).toContain('您名下有多套房屋');
          expect(buttons(r)).toEqual(expect.arrayContaining(['3栋2单元1201', '2栋2单元1802']));
        },
      ],
      ['2栋2单元1802', /2栋2单元1802 的成员：\n· 刘洋（业主，138\*\*\*\*5678）/],
      ['添加成员', '请输入成员姓名'],
      ['刘小雨', '手机号'],
      ['123', '手机号格式不正确'],
      ['13698765432', '身份是'],
      ['租户', '已添加 刘小雨（租户，136****5432）'],
    ]);
    await chatWith(env.bot, { userId: 'tenant-1' }).converse([
      ['绑定', '房号'],
      ['2-2-1802', '验证方式'],
      ['姓名+手机尾号', '姓名'],
      ['刘小雨', '后 4 位'],
      ['5432', '绑定成功'],
      ['家人', '只有业主本人可以管理家庭成员'],
    ]);
    await chatWith(env.bot).converse([
      ['家人', '您名下有多套房屋'],
      ['2栋2单元1802', '刘小雨（租户'],
      ['移除成员', '请选择要移除的成员'],
      ['刘小雨', '已移除 刘小雨'],
    ]);
    await chatWith(env.bot, { userId: 'tenant-1' }).converse([['钥匙', '为保护您的隐私']]);
  });
});
