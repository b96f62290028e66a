// zh-CN texts of what guards binding: locks per unit and estate, staff approval, new-account notices and 不是我.
export const bindGuardZh = {
  'bind.fail.pending': '您的绑定申请（编号 {seq}）已提交，需要物业核实后生效，审核通过后会通知您。',
  'bindGuard.lockedUnit':
    '{unit} 近期验证失败次数过多，为保护业主安全，该房屋的此验证方式已暂停至 {until}。请到前台当面办理，或拨打前台电话 {deskPhone}。',
  'bindGuard.lockedEstate': '绑定验证暂时繁忙，为保护业主安全，请于 {until} 后再试，或拨打前台电话 {deskPhone}。',
  'bindGuard.method.code': '前台绑定码',
  'bindGuard.method.name': '姓名+手机尾号',
  'bindGuard.method.staff': '员工码',
  'bindGuard.method.visitor': '访客码',
  'bindGuard.owner.newAccount':
    '【账号提醒】{time}，一个新的聊天账号（{channel}）绑定了您在 {unit} 登记的信息。如果不是您本人或家人操作，请回复“{word}”，我们会立即解除该绑定并通知物业。',
  'bindGuard.owner.approved': '您的绑定申请（编号 {seq}）已通过审核，您已绑定房屋 {unit}。',
  'bindGuard.owner.rejected': '您的绑定申请（编号 {seq}）未通过审核。如有疑问，请拨打前台电话 {deskPhone}。',
  'bindGuard.staff.newAccount': '【新绑定】{unit}：{name} 新绑定了一个聊天账号（{channel}，{method}）。',
  'bindGuard.staff.unitLocked':
    '【绑定锁定】{unit} 的{method}验证 24 小时内失败 {count} 次，已暂停至 {until}。可能有人在猜测业主信息；如业主来电，请核实身份后发绑定码（发新码后绑定码验证可立即使用）。',
  'bindGuard.staff.approval':
    '【绑定待审核 {seq}】{unit}：{name}（{phone}）用姓名+手机尾号申请绑定聊天账号（{channel}）。请电话核实后回复“批准绑定 {seq}”或“拒绝绑定 {seq}”。',
  'bindGuard.staff.disowned':
    '【绑定异常】{unit}：{name} 回复“不是我”，已解除 {count} 个新绑定的聊天账号（{channels}）。请尽快联系业主核实。',
  'bindGuard.cmd.approveUsage': '用法：批准绑定 3（待审核编号）',
  'bindGuard.cmd.rejectUsage': '用法：拒绝绑定 3（待审核编号）',
  'bindGuard.cmd.noApproval': '没有待审核的绑定申请 {seq}。',
  'bindGuard.cmd.approved': '已批准绑定申请 {seq}：{unit} {name}。已通知对方。',
  'bindGuard.cmd.rejected': '已拒绝绑定申请 {seq}（{unit}）。已通知对方。',
  'bindGuard.notMe.done':
    '已解除 {count} 个新绑定到您信息的聊天账号，并已通知物业核实。如需帮助，请拨打前台电话 {deskPhone}。',
  'bindGuard.notMe.none': '最近 7 天没有其他聊天账号新绑定到您的信息，无需处理。如有疑问，请拨打前台电话 {deskPhone}。',
} as const;
