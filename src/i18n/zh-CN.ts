// Simplified Chinese: the default language of every owner- and staff-facing text. Large areas keep their texts in
// zh-CN/<area>.ts, merged here so there is one catalogue and one MessageKey type.
import { feesZh } from './zh-CN/fees.js';
import { bindGuardZh } from './zh-CN/bind-guard.js';
import { privacyZh } from './zh-CN/privacy.js';
import { identityZh } from './zh-CN/identity.js';
import { appointmentsZh } from './zh-CN/appointments.js';
import { keysZh } from './zh-CN/keys.js';
import { nluZh } from './zh-CN/nlu.js';
import { callbackZh } from './zh-CN/callback.js';
import { queueZh } from './zh-CN/queue.js';
import { ticketZh } from './zh-CN/ticket.js';
import { renovationZh } from './zh-CN/renovation.js';
import { permitApplyZh } from './zh-CN/permit-apply.js';
import { visitorZh } from './zh-CN/visitor.js';
import { passZh } from './zh-CN/pass.js';
import { wechatOaZh } from './zh-CN/wechat-oa.js';
import { securityZh } from './zh-CN/security.js';
import { surveyZh } from './zh-CN/survey.js';
import { settingsZh } from './zh-CN/settings.js';
import { figuresZh } from './zh-CN/figures.js';
import { repairZh } from './zh-CN/repair.js';
import { noticeZh } from './zh-CN/notice.js';
import { errorsZh } from './zh-CN/errors.js';
import { complaintsZh } from './zh-CN/complaints.js';
import { restZh } from './zh-CN/rest.js';
import { deskZh } from './zh-CN/desk.js';
import { commandsZh } from './zh-CN/commands.js';

export const zhCN = {
  'menu.greeting': '您好，我是{estate}物业前台小助手。请问需要办理什么业务？',
  'menu.retry': '抱歉，我没有听懂。请从下面选择，或直接说出您的需求（例如“我要投诉”）。',
  'menu.complaint': '投诉',
  'menu.renovation': '装修',
  'menu.keys': '钥匙',
  'menu.fees': '物业费',
  'menu.help': '帮助',
  'menu.handoff': '转人工',
  'cancel.done': '已取消当前操作。',
  'cancel.nothing': '当前没有进行中的操作。',
  'handoff.askTopic': '好的，为您转人工服务。请简单说明需要协助的事项：',
  'handoff.askWhen': '希望客服什么时候联系您？可以回复“尽快”，或说一个时间，例如“明天下午三点”。',
  'handoff.askWhenRetry': '没有识别出时间。请回复“尽快”，或说一个将来的时间，例如“明天上午十点”“周六下午三点”。',
  'handoff.whenPast': '这个时间已经过去了，请说一个将来的时间，或回复“尽快”。',
  'handoff.done':
    '已为您登记人工服务（编号 {ref}）。事项：{topic}\n客服将在{when}联系您。如情况紧急，请直接拨打前台电话 {deskPhone}。',
  'handoff.asap': '工作时间内尽快',
  'emergency.notified':
    '已通知物业值班领班和主管，事件编号 {number}，我们会尽快到场处置。请保持电话畅通；情况变化请直接拨打 {phone}。',
  'emergency.nobody':
    '事件已登记（编号 {number}），但此刻没有值班人员能在线收到通知，请立即拨打物业紧急电话 {phone}。危及生命请直接拨打 110 / 119 / 120。',
  'emergency.staffNotified':
    '已发起特发事件 {number}（{type}），已通知领班和主管。请在群里回复“收到 {number}”确认处置。',
  'emergency.staffNobody':
    '已登记特发事件 {number}（{type}），但没有领班或主管能收到通知（未注册群、也没有在线的人员），请立即电话联系值班主管。',
  'input.empty': '没有收到文字内容，请直接输入文字。',
  'input.tooLong': '内容太长了（{length} 个字），请精简到 {max} 个字以内。',
  'input.noText': '请用文字描述（只有表情符号我们无法处理）。',
  'input.unsupported': '暂不支持这种消息类型（{type}），请发送文字。',
  'wechat.unsupported': '暂不支持语音、视频、表情等消息，请发送文字或图片。',
  'wechat.mediaFailed': '图片或文件没有接收成功，请重新发送一次。',
  'error.generic': '抱歉，系统出了点问题，当前操作已重置。请重新开始，或回复“转人工”。',
  ...identityZh,
  ...bindGuardZh,
  ...privacyZh,
  ...feesZh,
  ...keysZh,
  ...appointmentsZh,
  ...nluZh,
  ...callbackZh,
  ...queueZh,
  ...repairZh,
  ...ticketZh,
  ...renovationZh,
  ...permitApplyZh,
  ...visitorZh,
  ...passZh,
  ...wechatOaZh,
  ...securityZh,
  ...surveyZh,
  ...settingsZh,
  ...figuresZh,
  ...noticeZh,
  ...errorsZh,
  ...complaintsZh,
  ...restZh,
  ...deskZh,
  ...commandsZh,
} as const;

export type MessageKey = keyof typeof zhCN;
