// English texts of issue #20 (same keys as zh-CN/notice.ts).
import type { noticeZh } from '../zh-CN/notice.js';

export const noticeEn: Record<keyof typeof noticeZh, string> = {
  'notice.draft.askTitle':
    'New notice. Type its title (up to {max} characters), e.g. "Water cut". Reply "cancel" to stop.',
  'notice.draft.titleBad': 'The title must be 1–{max} characters. Please type it again.',
  'notice.draft.askBody':
    'Type the notice text (up to {max} characters) with the times and places, e.g. "8 Dec 9:00–12:00 no water in building 3".',
  'notice.draft.bodyBad': 'The text must be 1–{max} characters (now {length}). Please type it again.',
  'notice.draft.askPicture': 'A picture? Send one image, or reply "skip".',
  'notice.draft.pictureReceived': 'Picture received. Reply "ok" to go on.',
  'notice.draft.pictureUnsupported': 'This file type ({type}) is not supported. Send an image or reply "skip".',
  'notice.draft.pictureRetry': 'Send an image, or reply "skip".',
  'notice.draft.pictureTooLong': 'Only an image is needed here. Send one, or reply "skip".',
  'notice.draft.askAudience': 'Which owners should get it?',
  'notice.audience.all': 'All owners',
  'notice.audience.buildings': 'Some buildings',
  'notice.audience.arrearsOnly': 'Owners in arrears only',
  'notice.audience.arrearsExcluded': 'Owners not in arrears',
  'notice.audience.buildingsOf': 'owners of {buildings}',
  'notice.draft.askBuildings': 'Type the buildings separated by commas, e.g. "3,5". Buildings here: {buildings}',
  'notice.draft.badBuildings':
    'No building {unknown}. Buildings here: {buildings}. Please type them again, e.g. "3,5".',
  'notice.draft.askUrgent':
    'Urgent? Urgent notices (a sudden water or power cut) go at once; others wait out the quiet hours 21:00–08:30.',
  'notice.urgent.yes': 'Urgent',
  'notice.urgent.no': 'Normal',
  'notice.confirm': 'Publish',
  'notice.cancel': 'Drop draft',
  'notice.preview':
    '[Notice preview] draft #{seq}\n{message}\n——————\nAudience: {audience} | {urgency}{picture}\nReach: {reach}\nReply "Publish" to send it or "Drop draft".',
  'notice.preview.group':
    '[Notice preview] draft #{seq}\n{message}\n——————\nAudience: {audience} | {urgency}{picture}\nReach: {reach}\nReply "/publish {seq}" to send it or "/dropnotice {seq}" to drop it.',
  'notice.preview.picture':
    ' | 1 picture (sent with the notice where the channel shows pictures; elsewhere the text says a picture is attached)',
  'notice.picture.attached': '(Picture attached: view it on a channel that shows pictures, or at the front desk.)',
  'notice.picture.missing': '(The picture of this notice could not be sent; ask the front desk to see it.)',
  'notice.reach.channel': '{channel} {count}',
  'notice.reach.sep': ', ',
  'notice.reach.groups': 'WeChat owner groups {count} ({owners} WeChat owners read it there, no private sends)',
  'notice.reach.wechatPrivate':
    'Note: no WeChat owner group is registered, so {count} WeChat owners are messaged one by one (3 s apart, within the daily cap: it may take days). Register one with "/registergroup owners" in the owners\' group.',
  'notice.reach.wechatArrears':
    'Notices to owners in arrears are not posted in owner groups: {count} WeChat owners are messaged one by one.',
  'notice.reach.nobody': 'nobody (no owner in the audience has a bound chat account, and there is no owner group)',
  'notice.channel.telegram': 'Telegram',
  'notice.channel.wechat': 'WeChat',
  'notice.channel.wechat-oa': 'Official Account',
  'notice.channel.console': 'console',
  'notice.channel.botframework': 'Teams/web',
  'notice.sent':
    "Notice #{seq} published: {private} private messages{groups} planned; the outbox sends them within each channel's limits. {quiet}",
  'notice.sent.groups': ' and {count} owner groups',
  'notice.sent.quiet': 'It is quiet hours now: sending starts at {at}.',
  'notice.nobody':
    'Notice #{seq} was NOT published: nobody in the audience can be reached. The draft is kept; cancel it with "/dropnotice {seq}".',
  'notice.cancelled': 'Draft notice #{seq} cancelled.',
  'notice.notFound': 'No draft notice {ref}.',
  'notice.notDraft': 'Notice #{seq} was already published or cancelled.',
  'notice.noDraft': 'You have no draft notice waiting in this chat. Send "/notice" to draft one.',
  'notice.cmd.usage':
    'Usage: /notice title|text|audience|urgent (audience: all, 3,5, arrears only, no arrears; urgent optional). In a private chat, "/notice" asks step by step.',
  'notice.cmd.badAudience': 'Could not read the audience "{text}". Use all, 3,5, arrears only or no arrears.',
  'notice.cmd.authorsOnly': 'Sorry, only supervisors and managers can publish notices.',
  'notice.cmd.confirmUsage': 'Usage: /publish [number]',
  'notice.cmd.cancelUsage': 'Usage: /dropnotice [number]',
  'notice.message': '[{estate} notice] {urgent}{title}\n{body}\n— {estate} property service centre, {date}',
  'notice.urgentTag': '[URGENT] ',
  'notice.list.head': '[Estate notices] the latest {count}:',
  'notice.list.line': '{n}. {date} {urgent}{title}\n{body}',
  'notice.list.empty': 'No notice for you in the last {days} days.',
  'notice.list.foot': 'Questions: call the desk on {deskPhone}.',
  'notice.ownerGroup.registered':
    "This group is now an owners' group of {estate}: notices for WeChat owners are posted here instead of sent one by one. Staff commands do not work here.",
  'notice.ownerGroup.isStaff': "This group is registered as a staff group and cannot also be an owners' group.",
  'notice.stats': 'Estate notices: {count}, target ≥ {target} (our default for this estate) {mark}',
  'notice.stats.suggestions': 'Owner suggestions: {received}, answered {answered}',
  'notice.stats.met': '✓ met',
  'notice.stats.notMet': '✗ not met',
  'suggestion.askText': 'Please write your suggestion (up to {max} characters); we read every one and will answer you.',
  'suggestion.askPhoto': 'Photos? Send them (several are fine) and reply "done"; if none, reply "no".',
  'suggestion.photoReceived': '{count} photo(s) received. Send more, or reply "done".',
  'suggestion.photoUnsupported': 'This file type ({type}) is not supported. Send photos, or reply "done".',
  'suggestion.photoRetry': 'Send photos and reply "done"; if none, reply "no".',
  'suggestion.photoTooLong': 'Only photos are needed here. Reply "done" when finished, or "no" if none.',
  'suggestion.thanksNumbered':
    'Thank you for your suggestion! Its number is JY-{seq}; it went to the supervisors and the answer will come here.',
  'suggestion.staffNotice': '[Owner suggestion] JY-{seq} {who}: {text}{photos}\nReply "/answer {seq} text" to answer.',
  'suggestion.staffNotice.photos': ' ({count} photos)',
  'suggestion.unbound': 'not bound to a unit',
  'suggestion.answerToOwner':
    '[Answer to your suggestion] JY-{seq} ({text}):\n{answer}\n— {estate} property service centre',
  'suggestion.list.head': '[Owner suggestions] {scope} {count} (newest first):',
  'suggestion.list.unanswered': 'unanswered',
  'suggestion.list.all': 'latest',
  'suggestion.list.line': '· JY-{seq} {date} {who}: {text}{state}',
  'suggestion.list.answered': ' (answered)',
  'suggestion.list.empty': '[Owner suggestions] Nothing unanswered. "/suggestions all" lists the latest ones.',
  'suggestion.list.hint': 'Reply "/answer number text" to answer an owner.',
  'suggestion.answered': 'Answered JY-{seq}; the answer goes to the owner.',
  'suggestion.answeredNobody':
    'The answer to JY-{seq} is recorded, but the owner has no reachable chat account: please phone them.',
  'suggestion.alreadyAnswered': 'JY-{seq} was already answered.',
  'suggestion.notFound': 'No suggestion {ref}.',
  'suggestion.answerUsage': 'Usage: /answer number text, e.g. /answer 3 Thanks, night patrols start next month.',
  'suggestion.listUsage': 'Usage: /suggestions [all]',
  'notice.faq.fees.question': 'Fee rates',
  'notice.faq.fees.answer':
    '[Fee rates] The property service fee is charged monthly by floor area at the rate in the preliminary property service agreement (or service contract); parking and other fees are posted separately. Rates are on the estate notice board; reply "fees" to see your bills. Questions: {deskPhone}.',
  'notice.faq.renovationHours.question': 'Renovation hours',
  'notice.faq.renovationHours.answer':
    '[Renovation hours] (this estate\'s default rule) Weekdays 8:00–12:00 and 14:00–18:00; no noisy work at weekends or on public holidays. Apply before work starts: reply "renovation". Questions: {deskPhone}.',
  'notice.faq.certificates.question': 'Documents for the property certificate',
  'notice.faq.certificates.answer':
    "[Property certificate] Usually: purchase contract, ID card, purchase invoice, deed-tax receipt, maintenance-fund receipt, and a fees-settled certificate from the desk. The local real-estate registry's list prevails. Questions: {deskPhone}.",
  'notice.guidance.staff': '[Guidance · {category}] {text}{refs}',
  'notice.guidance.refs': '\nReferences: {refs}',
};
