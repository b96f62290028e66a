// `npm run cli -- oa-menu [--file menu.json] [--dry-run]`: sets the Official Account's custom menu (自定义菜单) through
// the API (WECHAT_OA_APP_ID / _APP_SECRET / _API_ROOT from the environment). Without --file, the default menu
// (投诉报修, 物业费, 我的 → 钥匙 …); each click arrives as an event carrying the words that start the same flow.
import fs from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { OaApi } from './oa-api.js';
import { DEFAULT_OA_MENU, oaMenuSchema } from './oa-menu.js';
import { wechatOaConfigSchema, wechatOaSettings } from './wechat-oa.config.js';

export async function runOaMenu(
  argv: string[],
  io: { env: Record<string, string | undefined>; out: (line: string) => void; now: () => Date },
): Promise<number> {
  const { values } = parseArgs({
    args: argv,
    options: { file: { type: 'string' }, 'dry-run': { type: 'boolean' } },
  });
  let menu: unknown = DEFAULT_OA_MENU;
  if (values.file) {
    try {
      menu = JSON.parse(await fs.readFile(values.file, 'utf8')) as unknown;
    } catch (err) {
      io.out(`读取菜单文件失败：${(err as Error).message}`);
      return 1;
    }
  }
  const checked = oaMenuSchema.safeParse(menu);
  if (!checked.success) {
    io.out(
      `菜单不符合公众平台的限制（最多 3 个一级菜单、每个最多 5 个子菜单，名称长度有限）：\n${checked.error.issues
        .map((i) => `  - ${i.path.join('.')}: ${i.message}`)
        .join('\n')}`,
    );
    return 1;
  }
  const summary = checked.data
    .map((b) => ('sub_button' in b ? `${b.name}（${b.sub_button.map((s) => s.name).join('、')}）` : b.name))
    .join(' | ');
  if (values['dry-run']) {
    io.out(`菜单（未提交）：${summary}\n${JSON.stringify({ button: checked.data }, null, 2)}`);
    return 0;
  }
  const config = wechatOaConfigSchema.safeParse(io.env);
  const settings = config.success ? wechatOaSettings(config.data) : undefined;
  if (!settings) {
    io.out('需要设置 WECHAT_OA_APP_ID、WECHAT_OA_APP_SECRET 和 WECHAT_OA_TOKEN（见 README：公众号）。');
    return 1;
  }
  const api = new OaApi({
    appId: settings.appId,
    appSecret: settings.appSecret,
    apiRoot: settings.apiRoot,
    now: io.now,
  });
  const res = await api.createMenu(checked.data);
  if (!res.ok) {
    io.out(`设置菜单失败：${res.errcode} ${res.errmsg}`);
    return 1;
  }
  io.out(`公众号菜单已设置：${summary}`);
  return 0;
}
