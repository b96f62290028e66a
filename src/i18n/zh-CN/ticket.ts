// zh-CN texts of the staff ticket commands that have moved into the catalogue (the rest: complaint.texts.ts, #18).
export const ticketZh = {
  'ticket.ownerLine': '业主：{name} {phone}',
  'ticket.contactSent': '（完整号码已私聊发给您，已记录查看）',
  'ticket.contactPrivate': '工单 {number} 业主：{name} {phone}\n位置：{location}\n（仅发给您本人，已记录查看）',
} as const;
