// The Official Account's custom menu (自定义菜单): set from the CLI (`npm run cli -- oa-menu`). Every entry is a CLICK
// button whose key carries the words an owner would type, so a click starts the same flow as typing them; a custom
// definition (--file) works the same way without any code change.
import { z } from 'zod';
import type { OaMenuButton } from './oa-api.js';

/** A click key is `wuye:` + the text the bot receives. */
export const CLICK_KEY_PREFIX = 'wuye:';

const click = (name: string, text: string): OaMenuButton => ({
  type: 'click',
  name,
  key: `${CLICK_KEY_PREFIX}${text}`,
});

/** 投诉/报修, 物业费, 我的 (with 钥匙): the platform allows 3 top-level entries, 5 under each. */
export const DEFAULT_OA_MENU: OaMenuButton[] = [
  click('投诉报修', '投诉'),
  click('物业费', '物业费'),
  {
    name: '我的',
    sub_button: [
      click('钥匙', '钥匙'),
      click('我的信息', '我的信息'),
      click('我的投诉', '我的投诉'),
      click('转人工', '转人工'),
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
