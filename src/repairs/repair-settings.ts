// Per-estate 报修 rules from `estate.settings.repair` (zod-parsed; a broken section falls back to the defaults rather
// than breaking the owner's chat). Trades, the departments they go to, the words that name them, the in-home price
// list (有偿/无偿) and the SLA limits are OUR defaults until the estate sets its own; public-area work is always free.
import { z } from 'zod';
import { settingsSection } from '../settings/settings-section.js';
import { repairSlaShape } from '../sla/sla-limits.js';

const trade = z.object({
  name: z.string().min(1).max(10),
  /** The maintenance department its work is dispatched to (a group registered with 注册群 工程部). */
  department: z.string().min(1).max(20).default('工程部'),
  /** Words in an owner's message that name this trade ("下水" → 水); the longest match wins. */
  keywords: z.array(z.string().min(1).max(10)).default([]),
});

const price = z.object({
  /** 有偿 (true) or 无偿 for in-home work of this trade. */
  paid: z.boolean(),
  /** What the owner is quoted and confirms, e.g. "人工费 30 元起，材料另计". */
  text: z.string().min(1).max(80).optional(),
  /** The base price in 分, kept on the ticket as the confirmed quote. */
  cents: z.number().int().min(0).max(10_000_000).optional(),
});

export const DEFAULT_TRADES: Array<z.input<typeof trade>> = [
  {
    name: '水',
    keywords: ['水管', '下水', '漏水', '渗水', '堵', '马桶', '龙头', '地漏', '洗手池', '水池', '水箱', '水'],
  },
  { name: '电', keywords: ['跳闸', '停电', '插座', '开关', '电线', '灯', '电'] },
  { name: '门窗', keywords: ['窗户', '把手', '合页', '玻璃', '纱窗', '门', '窗'] },
  { name: '锁', keywords: ['门锁', '锁芯', '锁'] },
  { name: '电梯', keywords: ['电梯'] },
  { name: '公共设施', keywords: ['路灯', '门禁', '道闸', '健身', '座椅', '消防', '楼道灯'] },
  { name: '其他' },
];

/**
 * The catalogue ids of our default trade names and price texts (repair.trade.<id>, repair.price.<id>): shown in the
 * reader's language. Names and texts an estate set itself are its own data and are shown as written.
 */
export const DEFAULT_TRADE_IDS: Readonly<Record<string, string>> = {
  水: 'water',
  电: 'electric',
  门窗: 'doorsWindows',
  锁: 'lock',
  电梯: 'lift',
  公共设施: 'facilities',
  其他: 'other',
};
export const DEFAULT_PRICE_TEXT_IDS: Readonly<Record<string, string>> = {
  '人工费 30 元起，材料另计（以现场报价为准）': 'labour30',
  '换锁芯 80 元起（含锁芯）': 'lockCore80',
  按价目表收费: 'priceList',
};

const DEFAULT_PRICES: Record<string, z.input<typeof price>> = {
  水: { paid: true, text: '人工费 30 元起，材料另计（以现场报价为准）', cents: 3000 },
  电: { paid: true, text: '人工费 30 元起，材料另计（以现场报价为准）', cents: 3000 },
  门窗: { paid: true, text: '人工费 30 元起，材料另计（以现场报价为准）', cents: 3000 },
  锁: { paid: true, text: '换锁芯 80 元起（含锁芯）', cents: 8000 },
  电梯: { paid: false },
  公共设施: { paid: false },
  其他: { paid: true, text: '人工费 30 元起，材料另计（以现场报价为准）', cents: 3000 },
};

export const repairSettingsSchema = z
  .object({
    trades: z
      .array(trade)
      .min(1)
      .max(20)
      .default(DEFAULT_TRADES.map((t) => trade.parse(t))),
    prices: z.record(z.string(), price).default(DEFAULT_PRICES as Record<string, z.infer<typeof price>>),
    maxDescriptionLength: z.number().int().min(50).max(2000).default(500),
    ...repairSlaShape,
  })
  .prefault({});

export type RepairSettings = z.infer<typeof repairSettingsSchema>;

export function repairSettingsOf(settings: unknown): RepairSettings {
  return settingsSection(settings, 'repair', repairSettingsSchema);
}

/** The trade an owner's words name (longest keyword wins), or null. */
export function guessTrade(s: RepairSettings, text: string): string | null {
  let best: { name: string; len: number } | null = null;
  for (const t of s.trades)
    for (const k of t.keywords)
      if (text.includes(k) && (!best || k.length > best.len)) best = { name: t.name, len: k.length };
  return best?.name ?? null;
}

export function departmentOf(s: RepairSettings, tradeName: string): string {
  return s.trades.find((t) => t.name === tradeName)?.department ?? s.trades[0]?.department ?? '工程部';
}

/** 有偿 or 无偿: public-area work is free; in-home work per the price list (a trade not listed is free). */
export function quoteFor(
  s: RepairSettings,
  tradeName: string,
  inHome: boolean,
): { paid: false } | { paid: true; text: string; cents: number | null } {
  const p = inHome ? s.prices[tradeName] : undefined;
  if (!p?.paid) return { paid: false };
  return { paid: true, text: p.text ?? '按价目表收费', cents: p.cents ?? null };
}
