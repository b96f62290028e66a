// zh-CN texts of the complaint flow, staff notices and 回访 (kept here so src/i18n/zh-CN.ts stays with its owner).
import type { TicketEventRow } from '../db/ticket.repo.js';
import { formatLocal } from '../shared/zoned-time.js';

export { STATUS_LABEL, NEXT_STEP } from '../tickets/status-labels.js';
export { PRIORITY_LABEL } from '../sla/ladder.js';

export function durationText(minutes: number): string {
  if (minutes < 60) return `${minutes} 分钟`;
  const h = minutes / 60;
  return Number.isInteger(h) ? `${h} 小时` : `${h.toFixed(1)} 小时`;
}

export const T = {
  /** 返回 in 我的投诉 ends the flow; say so, or the owner is left with no answer at all. */
  backDone: '好的，已返回。需要时再回复“我的投诉”，或回复“帮助”查看其他服务。',
  askCategory: '请选择投诉类别：',
  categoryRetry: '请从下面的类别中选择一项（可回复序号）。',
  understood: (c: string) => `好的，帮您登记${c}投诉。`,
  understoodWith: (c: string, d: string) => `好的，帮您登记${c}投诉：${d.length > 60 ? `${d.slice(0, 60)}…` : d}`,
  changeCategory: '改类别',
  askDescription: '请描述一下发生了什么（时间、情况等）：',
  askWhere: '问题发生在哪里？',
  whereOwn: '本户',
  wherePublic: '公共区域',
  whereRetry: '请回复“本户”或“公共区域”。',
  askUnit: '请选择是哪一户：',
  unitRetry: '请从列表中选择一户（可回复序号）。',
  askLocation: '请说明具体位置（如：3栋电梯厅、地下车库B区）：',
  askPhotos: '如有照片请直接发送（可发多张），发完回复“好了”；没有照片请回复“没有”。',
  photoReceived: (n: number) => `已收到 ${n} 张照片。继续发送，或回复“好了”。`,
  photoUnsupported: (type: string) => `暂不支持这种附件（${type}），请发送照片（jpg/png），或回复“没有”跳过。`,
  photoRetry: '请发送照片，发完回复“好了”；没有照片请回复“没有”。',
  photoTooLong: '这一步只需要照片。补充说明请在确认后回复“补充”。请发送照片，或回复“没有”。',
  askUrgency: '情况紧急吗？',
  urgencyRetry: '请回复“一般”或“紧急”。',
  confirmRetry: '请回复“是”提交，“改类别”重新选择类别，或“否”取消。',
  withdrawRetry: '请回复“是”撤回，或“否”保留。',
  summary: (s: { category: string; description: string; location: string; photos: number; urgency: string }) =>
    `请确认您的投诉：\n类别：${s.category}\n内容：${s.description}\n位置：${s.location}\n照片：${s.photos} 张\n紧急程度：${s.urgency}\n确认提交吗？（类别不对可回复“改类别”）`,
  notSubmitted: '好的，投诉未提交。如需重新投诉，请回复“投诉”。',
  created: (s: { number: string; ack: string; due: string; repeat: string | null }) =>
    `投诉已提交，工单号 ${s.number}。\n我们将在 ${s.ack}内（${s.due} 前）响应。${s.repeat ? `\n${s.repeat}` : ''}\n回复“我的投诉”可查看进度。`,
  repeatNote: (prev: string) => `该问题与之前的工单 ${prev} 相同，已按二次投诉优先处理。`,
  notBound: '投诉需要先绑定您的房屋。请回复“转人工”，或致电前台。',
  // 我的投诉
  noTickets: '您目前没有投诉记录。回复“投诉”即可提交。',
  myList: '您的投诉：',
  askPick: '回复序号查看或操作某个工单，回复“返回”结束。',
  pickRetry: '请回复列表中的序号，或“返回”。',
  ticketActions: '您可以：补充信息 / 撤回 / 返回',
  ticketClosedActions: '该工单已结束，无法再补充或撤回。',
  actionRetry: '请回复“补充信息”、“撤回”或“返回”。',
  askAddInfo: '请输入要补充的内容，或直接发送照片：',
  infoAdded: (n: string) => `已补充到工单 ${n}，工作人员会看到。`,
  confirmWithdraw: (n: string) => `确定撤回工单 ${n} 吗？（是/否）`,
  withdrawn: (n: string) => `工单 ${n} 已撤回。`,
  kept: '好的，工单保留。',
};

const ACTION_LABEL: Record<string, string> = {
  created: '提交投诉',
  claimed: '认领',
  note: '备注',
  wait_owner: '等待业主',
  wait_contractor: '等待施工方',
  resume: '恢复处理',
  resolved: '办结',
  reassigned: '转派',
  withdrawn: '撤回',
  owner_info: '业主补充',
  reopened: '重新打开',
  rated: '回访评价',
  acked: '确认特发事件',
  dispatched: '派单',
  taken: '接单',
  arrived: '到场',
  completed: '完工',
  given_back: '无法处理，退回前台',
  sla_ack_warn: '受理预警',
  sla_ack_breach: '超时未受理，升级领班',
  sla_ack_2x: '严重超时，升级主管',
  sla_resolve_warn: '办结预警',
  sla_resolve_breach: '超过办结时限，升级经理',
  sla_emergency_unacked: '无人确认，升级经理',
  false_alarm: '标为误报',
};

/** One line of a ticket's record: "· 2026-11-28 10:05 王芳 备注：已联系楼上业主". */
export function eventLine(e: Pick<TicketEventRow, 'at' | 'actorName' | 'action' | 'note'>, timezone: string): string {
  return `· ${formatLocal(e.at, timezone)} ${e.actorName} ${ACTION_LABEL[e.action] ?? e.action}${e.note ? `：${e.note}` : ''}`;
}
