// zh-CN texts of 出入证 (contractor passes against a running renovation permit) and 门禁卡 办卡/补卡/退卡 requests
// (desk tickets of kind REQUEST with their own time limit: our defaults, per estate, Estate.settings.cards).
export const passZh = {
  'pass.noPermit': '您名下没有施工中的装修许可，出入证须凭有效的装修许可申请。办理装修申报请回复“装修申报”。',
  'pass.choosePermit': '请回复装修许可的序号：\n{lines}',
  'pass.noSuchNumber': '没有这个序号，请回复列表中的数字（回复“取消”退出）。',
  'pass.askWorker': '为装修许可 {number}（{unit}）申请施工人员出入证。请告诉我施工人员姓名。',
  'pass.badWorker': '施工人员姓名请用 2–20 个字。',
  'pass.askPhone': '请提供 {worker} 的手机号（11 位）。',
  'pass.badPhone': '手机号应为 1 开头的 11 位数字，请重新输入。',
  'pass.askExpiry': '出入证有效期到哪天？最晚到许可结束日 {end}，回复“默认”即到 {end}。',
  'pass.badDate': '没看懂这个日期，请说例如“12月20日”，或回复“默认”。',
  'pass.expiryPast': '有效期不能早于今天（{today}）。',
  'pass.expiryAfterPermit': '出入证有效期不能晚于装修许可结束日 {end}。',
  'pass.submitted': '已提交出入证申请 #{seq}（{worker}，有效期至 {expires}），物业审批后会通知您。',
  'pass.staff.new':
    '【出入证】#{seq} {unit} 许可 {number}｜施工人员 {worker}（{phone}）｜有效期至 {expires}\n回复“批准出入证 {seq}”或“驳回出入证 {seq} 原因”。',
  'pass.staff.usage': '用法：批准出入证 12 ／ 驳回出入证 12 原因',
  'pass.staff.needReason': '驳回须写明原因。用法：驳回出入证 12 原因',
  'pass.staff.notFound': '没有找到出入证申请 #{seq}。',
  'pass.staff.already': '出入证申请 #{seq} 已由{who}处理（{status}），无需重复处理。',
  'pass.staff.permitGone': '装修许可 {number} 已{status}，不能再批准出入证，请驳回。',
  'pass.staff.approved': '已批准出入证 #{seq}：{worker}，有效期至 {expires}（许可 {number}），已通知业主。',
  'pass.staff.rejected': '已驳回出入证 #{seq}（原因：{reason}），已通知业主。',
  'pass.owner.approved':
    '您为 {worker} 申请的出入证 #{seq} 已批准，有效期至 {expires}（装修许可 {number}）。请施工人员凭身份证到物业前台领取。',
  'pass.owner.rejected': '您为 {worker} 申请的出入证 #{seq} 未获批准，原因：{reason}。',
  'pass.status.APPROVED': '批准',
  'pass.status.REJECTED': '驳回',
  'pass.status.PENDING': '待审批',
  'card.ask': '门禁卡业务，请回复数字：\n1 办卡（新办）\n2 补卡（遗失/损坏）\n3 退卡',
  'card.noOption': '没有这个选项，请回复 1–3 的数字（回复“取消”退出）。',
  'card.kind.new': '办卡',
  'card.kind.replace': '补卡',
  'card.kind.return': '退卡',
  'card.askNote': '{kind}（{unit}）：请补充说明，例如持卡人姓名、张数、卡号；没有补充请回复“没有”。',
  'card.filed':
    '已提交{kind}申请，工单号 {number}。前台将在{ack}内受理（{due} 前），办理时请带身份证到物业前台。可回复“我的投诉”查看进度。',
} as const;
