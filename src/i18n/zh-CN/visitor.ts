// zh-CN texts of 来访登记: the owner pre-registers a visitor and gets a one-time code; the gate or desk checks it with
// 访客核销. Limits (days ahead, wrong-code counts) are our defaults, per estate (Estate.settings.visitors).
export const visitorZh = {
  'visitor.askName': '好的，为您登记访客（{unit}）。请告诉我访客姓名。',
  'visitor.badName': '访客姓名请用 1–20 个字。',
  'visitor.askDate': '访客哪天来？例如“今天”“明天”“12月10日”（{maxDays} 天内）。',
  'visitor.badDate': '没看懂这个日期，请说“今天”“明天”或“12月10日”。',
  'visitor.datePast': '这个日期已经过去了，请选今天或之后的日期。',
  'visitor.dateTooFar': '只能登记 {maxDays} 天内的访客（最晚 {latest}）。',
  'visitor.askPlate': '访客开车来吗？请回复车牌号（例如“浙A12345”），不开车请回复“没有”。',
  'visitor.badPlate': '车牌号格式不对，请回复例如“浙A12345”“浙AD12345”，不开车请回复“没有”。',
  'visitor.registered':
    '已登记访客 {name}（{date}{plate}），访客码 {code}。\n请把访客码发给来访者，到门岗或前台出示；当天有效，仅限使用一次。',
  'visitor.plateSuffix': '，车牌 {plate}',
  'visitor.cmd.usage': '用法：访客核销 123456（访客出示的 6 位访客码）',
  'visitor.cmd.format': '访客码应为 6 位数字，请核对后重试。',
  'visitor.cmd.ok': '访客核销成功：{name}，拜访 {unit}{plate}。',
  'visitor.cmd.notFound': '访客码不正确或不是今天的登记，请勿放行，请联系业主确认。',
  'visitor.cmd.used': '该访客码已于 {time} 核销过，不能重复使用，请联系业主确认。',
  'visitor.cmd.tooMany': '访客码错误次数过多，请 {minutes} 分钟后再试，或电话联系业主确认。',
} as const;
