// The Official Account's custom menu (自定义菜单): set from the CLI (`npm run cli -- oa-menu`). Every entry is a CLICK
// button whose key carries the words an owner would type, so a click starts the same flow as typing them; a custom
// definition (--file) works the same way without any code change.
import { z } from 'zod';
import { t } from '../../src/i18n/index.js';
import type { OaMenuButton } from './oa-api.js';

/** A click key is `wuye:` + the text the bot receives. */
export const CLICK_KEY_PREFIX = 'wuye:';

const click = (name: string, text: string): OaMenuButton => ({
  type: 'click',
  name,
  key: `${CLICK_KEY_PREFIX}${text}`,
});

/**
 * 投诉/报修, 物业费, 我的 (with 钥匙): the platform allows 3 top-level entries, 5 under each. One menu per account,
 * so its labels are zh-CN (from the catalogue); the click texts are the words the bot understands.
 */
export const DEFAULT_OA_MENU: OaMenuButton[] = [
  click(t('zh-CN', 'oaMenu.complaintRepair'), '投诉'),
  click(t('zh-CN', 'oaMenu.fees'), '物业费'),
  {
    name: t('zh-CN', 'oaMenu.mine'),
    sub_button: [
      click(t('zh-CN', 'oaMenu.keys'), '钥匙'),
      click(t('zh-CN', 'oaMenu.myInfo'), '我的信息'),
      click(t('zh-CN', 'oaMenu.myComplaints'), '我的投诉'),
      click(t('zh-CN', 'oaMenu.handoff'), '转人工'),
    ],
  },
];

/** The text a click stands for: the phrase after the prefix (other keys pass through as typed text). */
export function clickText(key: string): string {
  return key.startsWith(CLICK_KEY_PREFIX) ? key.slice(CLICK_KEY_PREFIX.length) : key;
}

const bytes = (max: number) =>
  z.string().refine((s) => s.length > 0 && Buffer.byteLength(s, 'utf8') <= max, { message: `1–${max} 字节` });
const clickButton = z.object({ type: z.literal('click'), name: bytes(60), key: bytes(128) });

/** Platform limits: ≤ 3 top-level buttons (name ≤ 16 bytes), ≤ 5 sub-buttons each (name ≤ 60 bytes), key ≤ 128 bytes. */
export const oaMenuSchema = z
  .array(
    z.union([
      clickButton.extend({ name: bytes(16) }),
      z.object({ name: bytes(16), sub_button: z.array(clickButton).min(1).max(5) }),
    ]),
  )
  .min(1)
  .max(3);
