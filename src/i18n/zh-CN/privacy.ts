// zh-CN texts of 我的数据 (PIPL requests) and the export-person / erase-person CLI.
export const privacyZh = {
  'privacy.chat.requested':
    '已收到您的个人信息申请。物业将在 15 个工作日内联系您核实身份，并按您的要求提供个人信息副本或删除您的个人信息（工单等记录会保留事实，但去除姓名和手机号）。',
  'privacy.chat.already': '您已有一条个人信息申请在办理中，物业会尽快联系您。',
  'privacy.staff.request':
    '【个人信息申请】{units}：{name}（{phone}）申请查阅/删除个人信息。请电话核实本人及需求后，用 npm run cli -- export-person 或 erase-person 办理（15 个工作日内）。',
  'privacy.cli.badQuery': '“{query}”既不是手机号也不是房号。',
  'privacy.cli.noUnit': '没有找到唯一的房屋“{query}”。',
  'privacy.cli.nobody': '没有找到与“{query}”有关的人员记录。',
  'privacy.cli.several': '“{query}”对应多人：{people}。请改用手机号指定一人。',
  'privacy.cli.staff': '{name} 是员工，请先停用其员工记录再删除个人信息。',
  'privacy.cli.exported': '已导出 {count} 人的个人信息到 {file}（已记入审计日志）。',
  'privacy.cli.confirm':
    '将删除 {name}（{phone}）的个人信息：人员记录、房屋关系、聊天账号及其对话状态；工单等记录保留事实但去除姓名和手机号。确认请加 --yes 再运行。',
  'privacy.cli.erased':
    '已删除 {name}（{phone}）的个人信息：{identities} 个聊天账号，{tickets} 张工单已匿名化，{outbox} 条待发消息已删除，{scrubbed} 条员工消息/审计记录已去除姓名和手机号（已记入审计日志）。',
  'privacy.cli.needQuery': '请给出手机号或房号，例如: {command} {example}',
} as const;
