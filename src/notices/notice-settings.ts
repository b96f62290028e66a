// Per-estate settings of issue #20 (Estate.settings.notices, .guidance, .faq), zod-validated with our defaults.
// The procedures name a monthly count for 社区信息宣传 but leave the figure blank: the target below is OUR default.
// Guidance texts name the rules staff must know per complaint category; an estate edits them (its province's
// 物业管理条例, its city's dog rules) — the defaults name the national texts and say where the local one applies.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { DEFAULT_CATEGORIES } from '../complaints/categories.js';

export const noticeSettingsSchema = z
  .object({
    /** 公告 a month the desk aims for (our default: 4, about one a week). */
    monthlyTarget: z.number().int().min(0).max(500).default(4),
    /** Longest title / body accepted in the 公告 dialog. */
    maxTitleLength: z.number().int().min(5).max(60).default(30),
    maxBodyLength: z.number().int().min(50).max(2000).default(500),
  })
  .prefault({});
export type NoticeSettings = z.infer<typeof noticeSettingsSchema>;

const guidanceEntrySchema = z.object({
  /** What staff must know (shown with 工单 N). */
  staff: z.string().min(1).max(500),
  /** The regulations and agreements it rests on. */
  references: z.array(z.string().min(1).max(80)).max(8).default([]),
  /** "根据…，…": said to the owner when the complaint is filed; absent = nothing said. */
  owner: z.string().min(1).max(300).optional(),
});
export type GuidanceEntry = z.infer<typeof guidanceEntrySchema>;

/** Our defaults per complaint category. National texts; the local ones are named generically for the estate to fill. */
export const DEFAULT_GUIDANCE: Record<string, GuidanceEntry> = {
  装修违规: {
    staff:
      '先劝阻并拍照留证，核对装修许可与申报项目；拆改承重结构、违章搭建须书面制止并报主管，必要时报城管/住建部门。',
    references: [
      '《住宅室内装饰装修管理办法》（建设部令第110号）',
      '《中华人民共和国城乡规划法》（2008年起施行，取代《城市规划法》）',
      '本小区《装修管理规定》',
    ],
    owner:
      '根据《住宅室内装饰装修管理办法》，装修不得拆改承重结构、不得违章搭建，物业有权劝阻并报告有关部门；我们会按规定处理。',
  },
  噪音: {
    staff: '装修噪音按小区装修时间规定处理；生活噪音先上门劝导，屡劝不改的建议业主报警（110）。',
    references: ['《中华人民共和国噪声污染防治法》', '本小区《装修管理规定》（施工时间）', '《管理规约》'],
  },
  宠物: {
    staff: '核实犬只登记与牵绳情况，提醒文明养犬；伤人或无证犬只报公安机关/养犬管理部门。',
    references: ['本省/市《养犬管理条例》（以本小区所在地为准）', '《管理规约》'],
    owner: '根据本地养犬管理规定，携犬出户须束犬链并及时清理粪便；我们会提醒相关住户。',
  },
  其他: {
    staff: '按事实登记，涉及收费的参照收费类依据，涉及房屋买卖的参照销售类依据。',
    references: [],
  },
  // Not complaint categories of the defaults, but tickets an estate files under its own categories use them.
  收费: {
    staff: '滞纳金、收费标准以前期物业服务协议（或物业服务合同）约定为准，未约定的不得收取；收费须明码标价。',
    references: ['本省《物业管理条例》', '《前期物业服务协议》/《物业服务合同》', '《物业服务收费管理办法》'],
    owner: '根据《前期物业服务协议》和本省《物业管理条例》，物业费按合同约定的标准收取；如有疑问可到前台查阅合同条款。',
  },
  销售纠纷: {
    staff: '房屋买卖、面积、交付标准等属开发商与业主之间的合同纠纷，登记后转开发商，告知业主可向住建部门反映。',
    references: ['《商品房销售管理办法》（建设部令第88号）', '购房合同'],
    owner: '根据《商品房销售管理办法》，房屋销售与交付问题由开发商负责；我们已登记并转交开发商，您也可向住建部门反映。',
  },
};

export const guidanceSettingsSchema = z.record(z.string().min(1).max(20), guidanceEntrySchema).default({});

const faqEntrySchema = z.object({
  id: z.string().min(1).max(30),
  question: z.string().min(1).max(60),
  /** Regular-expression sources; any one matching the owner's message answers it. */
  patterns: z
    .array(z.string().min(1).max(200))
    .min(1)
    .refine((ps) => ps.every((p) => isValidRegex(p)), 'invalid pattern'),
  answer: z.string().min(1).max(1000),
});
export type FaqEntry = z.infer<typeof faqEntrySchema>;

function isValidRegex(source: string): boolean {
  try {
    new RegExp(source, 'u');
    return true;
  } catch {
    return false;
  }
}

/**
 * Our default questions: patterns here, the question and answer texts in the catalogue (notice.faq.<id>.question /
 * .answer, both languages). An estate's own `faq` list replaces them (its texts in its own words).
 */
export const DEFAULT_FAQ_PATTERNS: ReadonlyArray<{
  id: 'fees' | 'renovationHours' | 'certificates';
  patterns: string[];
}> = [
  {
    id: 'fees',
    patterns: [
      '收费标准',
      '(物业费|管理费).{0,6}(多少钱|怎么收|怎么算|标准|单价)',
      '每平(米|方).{0,4}多少',
      'fee (rate|standard)s?',
    ],
  },
  {
    id: 'renovationHours',
    patterns: [
      '装修.{0,6}(时间|几点).{0,6}(规定|限制|要求|允许|可以)',
      '(什么时候|几点).{0,4}(可以|能)?装修',
      '^装修时间',
      'renovation (hours|time rules?)',
    ],
  },
  {
    id: 'certificates',
    patterns: [
      '办证',
      '(房产证|产权证|不动产证|不动产权证).{0,8}(材料|办理|怎么办|需要)',
      '需要(带)?(什么|哪些)材料',
      'property certificate',
    ],
  },
];

export const faqSettingsSchema = z.array(faqEntrySchema).max(50);

/** The estate's notice settings; a broken blob falls back to defaults rather than blocking notices. */
export function noticeSettings(estateSettings: Record<string, unknown>): NoticeSettings {
  return settingsSection(estateSettings, 'notices', noticeSettingsSchema);
}

/** The estate's guidance per category: its own entries over our defaults (a broken blob: the defaults). */
export function guidanceSettings(estateSettings: Record<string, unknown>): Record<string, GuidanceEntry> {
  const parsed = guidanceSettingsSchema.safeParse(estateSettings.guidance ?? {});
  return { ...DEFAULT_GUIDANCE, ...(parsed.success ? parsed.data : {}) };
}

export function guidanceFor(estateSettings: Record<string, unknown>, category: string): GuidanceEntry | null {
  return guidanceSettings(estateSettings)[category] ?? null;
}

/** The estate's FAQ list; absent or broken: null (our defaults). */
const FAQ_OR_DEFAULTS = faqSettingsSchema.nullable().catch(null);

/** The estate's own FAQ, or null to use our defaults (also when its blob is broken). */
export function faqSettings(estateSettings: Record<string, unknown>): FaqEntry[] | null {
  // Through settingsSection: parsed once per settings object, not on every short owner message (#15).
  return settingsSection(estateSettings, 'faq', FAQ_OR_DEFAULTS);
}

/** What a matched question is: an estate entry (its own texts) or one of our defaults (catalogue texts by id). */
export type FaqHit = { own: FaqEntry } | { defaultId: (typeof DEFAULT_FAQ_PATTERNS)[number]['id'] };

/** Compiled FAQ patterns by source: every short owner message is tested against all of them (#15). */
const faqPatterns = new Map<string, RegExp>();
const MAX_FAQ_PATTERNS = 2_000;

function faqPattern(source: string): RegExp {
  let re = faqPatterns.get(source);
  if (!re) {
    if (faqPatterns.size >= MAX_FAQ_PATTERNS) faqPatterns.clear();
    // No g/y flag: test() keeps no state between calls, so one compiled pattern serves every message.
    faqPatterns.set(source, (re = new RegExp(source, 'iu')));
  }
  return re;
}

/** The FAQ entry an owner's message asks, or null. Short questions only: a long message is a request, not a FAQ. */
export function matchFaq(estateSettings: Record<string, unknown>, text: string): FaqHit | null {
  const s = text.normalize('NFKC').trim();
  if (!s || [...s].length > 40) return null;
  const test = (ps: readonly string[]) => ps.some((p) => faqPattern(p).test(s));
  const own = faqSettings(estateSettings);
  if (own) {
    const hit = own.find((e) => test(e.patterns));
    return hit ? { own: hit } : null;
  }
  const hit = DEFAULT_FAQ_PATTERNS.find((e) => test(e.patterns));
  return hit ? { defaultId: hit.id } : null;
}

export { DEFAULT_CATEGORIES };
