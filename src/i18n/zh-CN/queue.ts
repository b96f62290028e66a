// zh-CN texts of the staff work lists (待处理, 我的).
export const queueZh = {
  'queue.kind.COMPLAINT': '投诉',
  'queue.kind.EMERGENCY': '紧急',
  'queue.kind.REQUEST': '办理',
  'queue.kind.REPAIR': '报修',
  'queue.empty': '【待处理】目前没有未认领的工单。',
  'queue.head': '【待处理】未认领 {count} 单（最早的在前）：',
  'queue.line': '· {number} {kind}·{category} {location}｜登记 {created}｜应响应 {due}',
  'queue.hint': '回复“认领 编号”接单。',
  'queue.noDue': '—',
  'queue.late': '{when}（已超时）',
  'queue.more': '……另有 {count} 单未列出。',
  'mine.empty': '【我的工单】您名下没有未结的工单。回复“待处理”看未认领的工单。',
  'mine.head': '【我的工单】未结 {count} 单（按办结时限先后）：',
  'mine.line': '· {number} {kind}·{category} {location}｜{status}｜办结时限 {due}',
  'mine.hint': '回复“工单 编号”看详情，“办结 编号 说明”办结。',
} as const;
