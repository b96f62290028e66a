// How the desk names each ticket status (staff lists, 工单 N) and what the owner is told comes next.
import type { TicketStatus } from './transitions.js';

export const STATUS_LABEL: Record<TicketStatus, string> = {
  NEW: '待受理',
  DISPATCHED: '已派单',
  ACCEPTED: '已受理',
  IN_PROGRESS: '处理中',
  WAITING_OWNER: '等待业主',
  WAITING_CONTRACTOR: '等待施工方',
  RESOLVED: '已办结',
  CLOSED: '已关闭',
  WITHDRAWN: '已撤回',
};

export const NEXT_STEP: Record<TicketStatus, string> = {
  NEW: '等待客服受理',
  DISPATCHED: '已派维修人员，等待接单',
  ACCEPTED: '工作人员将尽快联系您',
  IN_PROGRESS: '正在处理，请耐心等待',
  WAITING_OWNER: '需要您补充信息或配合，请回复“补充”',
  WAITING_CONTRACTOR: '等待施工方处理',
  RESOLVED: '已处理完毕，稍后将请您评价',
  CLOSED: '已结束',
  WITHDRAWN: '已撤回',
};
