// zh-CN texts of the 转名 / 退楼 / 入住 desk appointments (#20): booked on the desk calendar like key hand-overs, with the
// documents to bring (our defaults, per estate: Estate.settings.deskAppointments).
export const appointmentsZh = {
  'appointments.purpose.TRANSFER': '转名',
  'appointments.purpose.MOVE_OUT': '退楼',
  'appointments.purpose.MOVE_IN': '入住',
  'appointments.askWhen':
    '好的，为您预约到前台办理{purpose}（{unit}）。请问哪天几点到前台？例如“明天上午十点”“周六下午”。（前台 {hours}，每 {minutes} 分钟一段）',
  'appointments.booked':
    '已为您预约 {slot} 到前台办理{purpose}（{unit}），预约码 {code}，请到前台出示。\n请带齐以下材料：\n{checklist}\n如需改期或取消，请回复“钥匙”，选择“改期”或“取消预约”。',
  'appointments.checklistLine': '· {item}',
  'appointments.todayLine': '{time} {kind} {unit} {person}{phone} {status}',
  'appointments.notice.reminder':
    '提醒：您预约了 {slot} 到前台办理{kind}（{unit}，{person}），请凭 6 位预约码办理，并带齐所需材料。如需改期请回复“钥匙”。',
  'appointments.notice.noShow':
    '您预约的 {slot} 前台办理{kind}（{unit}）未到场，预约已失效。如需办理请回复“{kind}”重新预约。',
  'appointments.cmd.done': '预约码正确：{time} {unit} {person} 办理{purpose}，请核对材料后办理。',
} as const;
