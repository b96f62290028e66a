// Hostile inputs for the fuzz tests (#11): what owners, staff and broken clients can send. Every generator is a
// fast-check Arbitrary, so a failure shrinks to a small input and the run's seed reproduces it.
import fc from 'fast-check';
import type { Attachment } from 'botbuilder';

/** Words the dialogs and commands react to: mixed with junk so the fuzz reaches the branches behind them. */
export const KNOWN_WORDS = [
  '你好', '帮助', '取消', '转人工', '人工', '投诉', '我要投诉', '我的投诉', '装修', '装修延期', '钥匙', '物业费', '不再提醒', '恢复提醒',
  '绑定', '解绑', '我的信息', '家人', '紧急', '电梯困人', '着火了', '是', '否', '确认', '好了', '没有', '跳过', '本户', '公共区域',
  '一般', '紧急', '本人', '返回', '撤回', '补充信息', '添加成员', '移除成员', '家人', '租户', '前台绑定码', '姓名+手机尾号', '尽快',
  '明天上午十点', '下周五', '延期两周', '添加 张三 13912345678', '删除 13912345678', '3-2-1201', '3栋2单元1201', '刘洋', '5678',
  '命令', '/help', '/start', '认领', '备注', '办结', '工单', '评价', '没解决', '收到', '今日', '逾期', '统计', '满意度', '收缴率', '欠费',
  '绑定码', '员工码', '注册群', '员工绑定', '身份', '今日钥匙', '钥匙核销', '待审批', '批准', '驳回', '/claim', '/note', '/ticket',
  '/overdue', '/stats', '/registergroup', '/keydone', '/approve', '/reject', '/rate', '/whoami',
] as const;

export const SQL_INJECTION = [
  `'; DROP TABLE "Ticket"; --`,
  `' OR 1=1 --`,
  `" OR ""="`,
  `1; DELETE FROM "BotState"`,
  `0007' UNION SELECT * FROM "Person" --`,
  `'); UPDATE "Person" SET "name"='x'; --`,
  `\\'; DROP TABLE users; --`,
  `%' AND 1=(SELECT COUNT(*) FROM sqlite_master) --`,
  `Robert'); DROP TABLE "Unit";--`,
  `$1`, `?`, `:id`, `%s%s%s%n`, `{{7*7}}`, `\${process.exit(1)}`, `__proto__`, `constructor`, `toString`,
];

export const MARKUP_INJECTION = [
  '<script>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '**粗体** _斜体_ `code` ~~删除~~',
  '[点我](javascript:alert(1))',
  '![x](http://127.0.0.1:1/a.png)',
  '<a href="https://evil.example">链接</a>',
  '```\nrm -rf /\n```',
  '# 标题\n> 引用\n- 列表',
  '&lt;b&gt; &#0; &amp;',
  '<b>投诉</b>',
  '@all 全体成员',
  '「物业小助手：【新投诉】TS-20261128-0007 漏水」\n- - - - - - - - - - - - - - -\n认领',
];

export const CONTROL_AND_BIDI = [
  '\u0000', '\u0000投诉\u0000', '\u0007\u0008\u001b[31m红色\u001b[0m', '\u007f', '\u200b', '\u200b\u200b\u200b',
  '\u202e1021元单2栋3\u202c', '\u202d\u202e投诉', '\ufeff帮助', '\u2028\u2029', '\r\n\r\n', 'a\u0301\u0301\u0301',
  'مرحبا، أريد تقديم شكوى', 'שלום, יש לי תלונה', 'مرحبا 3-2-1201 שלום', '\u061c\u200f投诉\u200e', '\u3000\u3000', '\u00a0',
];

export const EMOJI = [
  '😀', '😡😡😡', '👨‍👩‍👧‍👦', '🏳️‍🌈', '👩🏽‍🔧', '🇨🇳', '1️⃣', '#️⃣', '\ud83d', '\ude00', '\udc00\ud800', '投诉\ud83d', '🀄️', '🧧🧧',
  '😀'.repeat(200), '🔥着火了🔥',
];

export const NUMBERS = [
  '0', '-1', '1', '2', '3', '4', '5', '6', '7', '8', '9', '10', '99', '100', '1.5', '-0', '00', '000000', '123456', '999999', '1234', '0000',
  '2147483647', '2147483648', '-2147483649', '9007199254740993', '1e308', '1e-308', '-1e309', 'NaN', 'Infinity', '-Infinity', '0x1F',
  '１', '２', '①', '⑥', 'Ⅲ', '一', '二', '三', '六', '七', '十', '十二', '一百', '一千零一', '两', '零', '第一个', '第二个', '第十个', '第一万个',
  '13912345678', '139 1234 5678', '+8613912345678', '1391234567', '139123456789', '00001', '0007', '#12', '#0', '#-1', '#99999999999',
  'TS-20261128-0001', 'TS-99999999-9999',
];

export const DATES = [
  '2月30日', '2月29日', '2月31日', '13月1日', '0月0日', '12月32日', '2026-02-30', '2026-13-01', '1900-01-01', '9999-12-31', '0000-00-00',
  '昨天', '今天', '明天', '后天', '大后天', '明天上午十点', '明天中午十二点半', '明天凌晨三点', '明天晚上11点', '今天25点', '25:61', '下周八',
  '上周五', '周六下午', '下个月', '明年', '一百年后', '两周后', '延期两周', '延期一万天', '到12月20日', '到2月30日', '延期-3天', '现在',
  '尽快', 'asap', 'tomorrow 10am', '春节', '国庆节', '除夕',
];

export const WHITESPACE = ['', ' ', '   ', '\t', '\n', '\r\n', ' \t\n ', '\u3000', '\u00a0\u00a0', '\u2005', '\u200b \u200b'];

const LONG_UNITS = ['吵', 'a', '😀', '投诉', '1', ' ', '\u0000', '<', "'", '\n', '👨‍👩‍👧‍👦', 'ل'];

/** Messages around and far beyond the limits: up to 100 KB (the channels' own caps are 4–20 KB). */
export const hugeText: fc.Arbitrary<string> = fc
  .tuple(fc.constantFrom(...LONG_UNITS), fc.constantFrom(101, 501, 1999, 2001, 4097, 20_001, 100_000))
  .map(([unit, n]) => unit.repeat(Math.ceil(n / unit.length)).slice(0, Math.max(n, unit.length)));

const curated = fc.constantFrom(
  ...KNOWN_WORDS, ...SQL_INJECTION, ...MARKUP_INJECTION, ...CONTROL_AND_BIDI, ...EMOJI, ...NUMBERS, ...DATES, ...WHITESPACE,
);

/** Random strings: printable graphemes (CJK, emoji…), any code point incl. lone surrogates, ASCII. */
const randomText = fc.oneof(
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.string({ unit: 'grapheme-ascii', maxLength: 40 }),
  fc.string({ unit: fc.constantFrom('投', '诉', '装', '修', '钥', '匙', '是', '否', '一', '1', ' ', '，', '。', '\u200b', '😀'), maxLength: 20 }),
);

/** A known word with junk around it ("投诉'; DROP TABLE", "😀1", "钥匙\u0000"). */
const wordWithJunk = fc
  .tuple(fc.constantFrom(...KNOWN_WORDS, ...NUMBERS), fc.oneof(curated, randomText), fc.boolean(), fc.constantFrom('', ' ', '\n', '，'))
  .map(([word, junk, before, sep]) => (before ? `${junk}${sep}${word}` : `${word}${sep}${junk}`));

/** Everything a person could type. */
export const hostileText: fc.Arbitrary<string> = fc.oneof(
  { arbitrary: curated, weight: 4 },
  { arbitrary: randomText, weight: 3 },
  { arbitrary: wordWithJunk, weight: 3 },
  { arbitrary: hugeText, weight: 1 },
);

/** Attachments as a channel adapter delivers them (validated shapes, arbitrary content types and names). */
export const attachments: fc.Arbitrary<Attachment[]> = fc.array(
  fc.record({
    contentType: fc.oneof(
      fc.constantFrom('image/jpeg', 'image/png', 'audio/ogg', 'video/mp4', 'application/pdf', 'application/octet-stream', 'text/html', 'image/', ''),
      fc.string({ unit: 'grapheme', maxLength: 30 }),
    ),
    contentUrl: fc.oneof(fc.constantFrom('media:x1', 'telegram-file:abc', 'javascript:alert(1)', 'http://127.0.0.1:1/a.jpg', ''), fc.string({ maxLength: 20 })),
    name: fc.oneof(fc.constantFrom('漏水.jpg', '../../etc/passwd', '<script>.png', 'a'.repeat(300)), fc.string({ unit: 'grapheme', maxLength: 20 })),
  }),
  { minLength: 1, maxLength: 3 },
);

/** One inbound message at a dialog step: mostly text, sometimes files (with or without a caption). */
export interface FuzzMessage {
  text: string;
  attachments?: Attachment[];
}

export const hostileMessage: fc.Arbitrary<FuzzMessage> = fc.oneof(
  { arbitrary: hostileText.map((text) => ({ text })), weight: 9 },
  { arbitrary: fc.tuple(fc.oneof(fc.constant(''), hostileText), attachments).map(([text, atts]) => ({ text, attachments: atts })), weight: 1 },
);

/** What a staff member types after a command word. */
export const commandLine: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom(
      '认领', '备注', '等待业主', '等待施工方', '恢复', '办结', '转派', '工单', '评价', '没解决', '收到', '紧急', '今日', '逾期', '统计', '满意度', '收缴率',
      '欠费', '绑定码', '员工码', '注册群', '员工绑定', '身份', '今日钥匙', '钥匙核销', '待审批', '批准', '驳回', '/claim', '/note', '/wait', '/resolve',
      '/reassign', '/ticket', '/rate', '/ack', '/overdue', '/today', '/stats', '/csat', '/collection', '/arrears', '/bindcode', '/staffcode',
      '/registergroup', '/staffbind', '/whoami', '/keys', '/keydone', '/pending', '/approve', '/reject', '/nosuch', '/', '@物业小助手 认领',
      `/${'命'.repeat(5000)}`, `认领${'0'.repeat(5000)}`,
    ),
    fc.oneof(fc.constant(''), hostileText, fc.tuple(fc.constantFrom(...NUMBERS), hostileText).map(([n, t]) => `${n} ${t}`)),
  )
  .map(([word, args]) => (args ? `${word} ${args}` : word));

// ---- wrong-typed channel payloads -----------------------------------------------------------------------------

/** JSON values of every type, for fields that should be strings or objects. */
export const wrongType: fc.Arbitrary<unknown> = fc.oneof(
  fc.integer(), fc.double(), fc.boolean(), fc.constant(null), fc.constant([]), fc.constant({}), fc.array(fc.jsonValue(), { maxLength: 3 }),
  fc.dictionary(fc.string({ maxLength: 5 }), fc.jsonValue(), { maxKeys: 3 }), fc.string({ unit: 'binary', maxLength: 10 }),
);
