// zh-CN texts of the WeChat Official Account channel: follow greeting, voice messages, the 未送达 list for staff.
export const wechatOaZh = {
  'menu.bindOffer': '首次使用请先绑定房屋：回复“绑定”即可开始（需要房号和登记的手机号，或前台给的绑定码）。',
  'wechatOa.voice': '暂时听不了语音，请打字告诉我们；紧急情况请直接拨打物业电话。',
  'undelivered.none': '公众号没有未送达的通知。',
  'undelivered.head': '公众号未送达的通知（{count} 条，最新在前）：',
  'undelivered.line': '• {owner}｜{kind}｜{at}｜{status}：{reason}\n  {text}',
  'undelivered.held': '待送达',
  'undelivered.dead': '未送达',
  'undelivered.unknownOwner': '（未绑定的业主）',
  'undelivered.foot': '待送达的通知会在业主下次给公众号留言后自动补发；如需尽快告知，请电话联系业主。',
  'undelivered.kind.reminder': '提醒',
  'undelivered.kind.notice': '通知',
  'undelivered.kind.survey': '回访',
  'undelivered.kind.urgent': '紧急',
  'undelivered.kind.other': '消息',
} as const;
