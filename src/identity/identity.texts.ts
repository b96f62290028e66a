// zh-CN texts of binding, household and staff identity flows. Kept here (not in src/i18n) until the lead merges
// them into the shared catalogue under the `bind.` prefix.
export const BIND_TEXTS = {
  'bind.intro': '为保护您的隐私，办理个人业务前需要先绑定房屋。',
  'bind.askUnit': '请告诉我您的房号，例如“3栋2单元1201”或“3-2-1201”：',
  'bind.unitUnreadable': '没有识别出房号。请按“楼栋-单元-房号”的格式回复，例如“3栋2单元1201”。',
  'bind.unitUnknown': '本小区没有找到“{unit}”，请核对后重新输入房号：',
  'bind.askMethod': '房屋：{unit}。请选择验证方式：',
  'bind.method.code': '前台绑定码',
  'bind.method.name': '姓名+手机尾号',
  'bind.askCode': '请输入前台给您的 6 位绑定码：',
  'bind.askName': '请输入登记在物业的姓名：',
  'bind.askLast4': '请输入登记手机号的后 4 位：',
  'bind.codeFormat': '绑定码是 6 位数字，请重新输入：',
  'bind.last4Format': '请输入 4 位数字（手机号后 4 位）：',
  'bind.ok': '绑定成功！您已绑定房屋 {unit}。',
  'bind.fail.badCode': '绑定码不正确。',
  'bind.fail.expired': '绑定码已过期（有效期 24 小时），请联系前台重新获取。',
  'bind.fail.used': '该绑定码已被使用过，每个绑定码只能使用一次，请联系前台重新获取。',
  'bind.fail.mismatch': '姓名或手机尾号与物业登记信息不一致。',
  'bind.fail.left': '还可以再试 {left} 次。',
  'bind.locked': '验证失败次数过多，为保护账户安全，请于 {until} 后再试，或拨打前台电话 {deskPhone}。',
  'bind.already': '您已绑定：{units}。如需再绑定一套房屋，请继续。',
  'unbind.confirm': '确定要解除本聊天账号与 {units} 的绑定吗？解绑后需要重新验证才能办理个人业务。',
  'unbind.done': '已解除绑定。本聊天账号与您的个人信息已不再关联。',
  'unbind.kept': '好的，已保留绑定。',
  'unbind.none': '本聊天账号尚未绑定，无需解绑。',
  'chooser.ask': '您名下有多套房屋，请选择要办理的房屋：',
  'household.notOwner': '只有业主本人可以管理家庭成员。',
  'household.list': '{unit} 的成员：\n{members}',
  'household.ask': '请选择要做的操作：',
  'household.add': '添加成员',
  'household.remove': '移除成员',
  'household.askName': '请输入成员姓名：',
  'household.askPhone': '请输入成员的手机号（11 位）：',
  'household.phoneFormat': '手机号格式不正确，请输入 11 位手机号：',
  'household.askRole': '该成员的身份是？',
  'household.role.FAMILY': '家人',
  'household.role.TENANT': '租户',
  'household.role.OWNER': '业主',
  'household.added': '已添加 {name}（{role}，{phone}）。对方可以在聊天中发送“绑定”，用姓名和手机尾号完成绑定。',
  'household.askWhich': '请选择要移除的成员：',
  'household.nobody': '目前没有可移除的家人或租户。',
  'household.removed': '已移除 {name}。',
} as const;

export type BindTextKey = keyof typeof BIND_TEXTS;

export function bt(key: BindTextKey, params: Record<string, string | number> = {}): string {
  return BIND_TEXTS[key].replace(/\{(\w+)\}/g, (m, name: string) => (name in params ? String(params[name]) : m));
}
