// Every per-estate setting staff may change, one line each: key, the section's schema, how it is typed in, its help.
// Another area adds its own with one more line, e.g.
//   .register('repairs.trades', repairSettingsSchema, { chat: '工种', parse: readTextList, format: showList, help: … })
import { t, type Locale } from '../i18n/index.js';
import { bindingSettingsSchema } from '../identity/binding-settings.js';
import { complaintSettingsSchema } from '../complaints/categories.js';
import { feeSettingsSchema } from '../fees/fee-settings.js';
import { keyDeskSettingsSchema } from '../keys/desk-slots.js';
import { renovationSettingsSchema } from '../renovation/renovation-settings.js';
import { repairSettingsSchema } from '../repairs/repair-settings.js';
import {
  applyDeskHours,
  deskSettingsSchema,
  describeWeek,
  parseDeskHours,
  type DeskSettings,
} from '../sla/desk-settings.js';
import {
  readBoolean,
  readNumber,
  readNumberList,
  readPerPriority,
  readTextList,
  SettingInputError,
  SettingsRegistry,
  showBoolean,
  showList,
  showPerPriority,
} from './setting-registry.js';

function readDeskHours(text: string, current: unknown): DeskSettings['week'] {
  const r = parseDeskHours(text);
  if ('error' in r) throw new SettingInputError(r.error);
  return applyDeskHours(current as DeskSettings['week'], r.patch);
}

const NONE = /^(无|没有|清空|none|-)$/i;
const readDates = (text: string) => (NONE.test(text.trim()) ? [] : readTextList(text));
const showDates = (v: unknown, locale: Locale) =>
  Array.isArray(v) && v.length === 0 ? t(locale, 'settings.none') : showList(v, locale);

function readHolidays(text: string): 'closed' | 'open' {
  const s = text.trim();
  if (/^(休息|关闭|closed|否|不值班)$/i.test(s)) return 'closed';
  if (/^(值班|照常|照常值班|上班|open|是)$/i.test(s)) return 'open';
  throw new SettingInputError(t('zh-CN', 'settings.err.holidays', { word: s }));
}
const showHolidays = (v: unknown, locale: Locale) =>
  t(locale, v === 'open' ? 'settings.desk.holidaysOpen' : 'settings.desk.holidaysClosed');

const num = { parse: readNumber };
const list = { parse: readTextList, format: showList };
const numbers = { parse: readNumberList, format: showList };
const perPriority = { parse: readPerPriority, format: showPerPriority };

export function settingKeys(): SettingsRegistry {
  return (
    new SettingsRegistry()
      // 前台值班：哪几天、几点到几点（SLA 计时、回电提醒、钥匙预约都按它）
      .register('desk.hours', deskSettingsSchema, {
        field: 'week',
        chat: '前台时间',
        parse: readDeskHours,
        format: (v, locale) => describeWeek(v as DeskSettings['week'], locale),
        help: 'settings.help.desk.hours',
      })
      .register('desk.closedDates', deskSettingsSchema, {
        chat: '休息日',
        parse: readDates,
        format: showDates,
        help: 'settings.help.desk.closedDates',
      })
      .register('desk.publicHolidays', deskSettingsSchema, {
        chat: '节假日',
        parse: readHolidays,
        format: showHolidays,
        help: 'settings.help.desk.publicHolidays',
      })
      // 时限（SLA）与投诉
      .register('complaints.ackMinutes', complaintSettingsSchema, {
        chat: '受理时限',
        ...perPriority,
        help: 'settings.help.complaints.ackMinutes',
      })
      .register('complaints.resolveHours', complaintSettingsSchema, {
        chat: '办结时限',
        ...perPriority,
        help: 'settings.help.complaints.resolveHours',
      })
      .register('complaints.emergencyAckMinutes', complaintSettingsSchema, {
        chat: '特发确认时限',
        ...num,
        help: 'settings.help.complaints.emergencyAckMinutes',
      })
      .register('complaints.limits', complaintSettingsSchema, { help: 'settings.help.complaints.limits' })
      .register('complaints.categories', complaintSettingsSchema, {
        chat: '投诉类别',
        ...list,
        help: 'settings.help.complaints.categories',
      })
      .register('complaints.repeatWindowDays', complaintSettingsSchema, {
        ...num,
        help: 'settings.help.complaints.repeatWindowDays',
      })
      .register('complaints.callbackMode', complaintSettingsSchema, { help: 'settings.help.complaints.callbackMode' })
      .register('complaints.callbackDelayHours', complaintSettingsSchema, {
        ...num,
        help: 'settings.help.complaints.callbackDelayHours',
      })
      // 物业费催缴
      .register('fees.reminderOffsetsDays', feeSettingsSchema, {
        chat: '催缴提醒',
        ...numbers,
        help: 'settings.help.fees.reminderOffsetsDays',
      })
      .register('fees.minDaysBetweenReminders', feeSettingsSchema, {
        ...num,
        help: 'settings.help.fees.minDaysBetweenReminders',
      })
      .register('fees.paymentText', feeSettingsSchema, {
        parse: (s) => s.trim(),
        help: 'settings.help.fees.paymentText',
      })
      // 装修
      .register('renovation.maxExtensionDays', renovationSettingsSchema, {
        ...num,
        help: 'settings.help.renovation.maxExtensionDays',
      })
      .register('renovation.maxExtensions', renovationSettingsSchema, {
        ...num,
        help: 'settings.help.renovation.maxExtensions',
      })
      .register('renovation.approvalSlaWorkingDays', renovationSettingsSchema, {
        ...num,
        help: 'settings.help.renovation.approvalSlaWorkingDays',
      })
      .register('renovation.reminderDaysBefore', renovationSettingsSchema, {
        ...num,
        help: 'settings.help.renovation.reminderDaysBefore',
      })
      .register('renovation.inspectionSlots', renovationSettingsSchema, {
        chat: '验收时段',
        ...list,
        help: 'settings.help.renovation.inspectionSlots',
      })
      .register('renovation.inspectionDaysAhead', renovationSettingsSchema, {
        ...num,
        help: 'settings.help.renovation.inspectionDaysAhead',
      })
      // 绑定
      .register('binding.nameNeedsApproval', bindingSettingsSchema, {
        chat: '绑定审核',
        parse: readBoolean,
        format: showBoolean,
        help: 'settings.help.binding.nameNeedsApproval',
      })
      // 报修（工种、价目、时限；our defaults in src/repairs/repair-settings.ts）
      .register('repair.ackMinutes', repairSettingsSchema, {
        chat: '报修派单时限',
        ...perPriority,
        help: 'settings.help.repair.ackMinutes',
      })
      .register('repair.resolveHours', repairSettingsSchema, {
        chat: '报修完工时限',
        ...perPriority,
        help: 'settings.help.repair.resolveHours',
      })
      .register('repair.limits', repairSettingsSchema, { help: 'settings.help.repair.limits' })
      .register('repair.trades', repairSettingsSchema, { help: 'settings.help.repair.trades' })
      .register('repair.prices', repairSettingsSchema, { help: 'settings.help.repair.prices' })
      // 钥匙预约
      .register('keys.slotMinutes', keyDeskSettingsSchema, { ...num, help: 'settings.help.keys.slotMinutes' })
      .register('keys.capacity', keyDeskSettingsSchema, {
        chat: '钥匙名额',
        ...num,
        help: 'settings.help.keys.capacity',
      })
  );
}

/** The app's settings registry. */
export const SETTINGS: SettingsRegistry = settingKeys();
