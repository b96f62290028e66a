import type { surveyZh } from '../zh-CN/survey.js';

// English texts of the monthly satisfaction survey (owner invitation and dialog; supervisors' results).
export const surveyEn: Record<keyof typeof surveyZh, string> = {
  'survey.invite':
    '[{estate} owner satisfaction survey] The survey for {month} is here: {count} score questions and 1 opinion question, about a minute.\nReply "{start}" to take part, or reply straight away with your score for question 1, "{first}" (1–5, 5 is best).\nTo receive no more surveys reply "{optOut}". (Once a month; the sending time is our default for this estate.)',
  'survey.reminder':
    '[{estate} owner satisfaction survey] Your survey for {month} is not finished yet: reply "{resume}" to go on. To receive no more surveys reply "{optOut}". (This is the only reminder this month.)',
  'survey.question':
    'Question {n}/{total}: how satisfied are you with "{label}"? Reply 1–5 (5 very satisfied, 4 satisfied, 3 neutral, 2 dissatisfied, 1 very dissatisfied).',
  'survey.badScore':
    'I could not read that score. Please reply with a number from 1 to 5, e.g. "5", or say "very satisfied".',
  'survey.opinion':
    'Last question: any opinion or suggestion about our service? Just write it (up to {max} characters); reply "no" if none.',
  'survey.thanks':
    'Thank you for completing the survey for {month}! Your scores are recorded; supervisors read every one.',
  'survey.thanksOpinion':
    'Thank you for completing the survey for {month}! Your opinion goes to the supervisors; anything to follow up becomes a ticket.',
  'survey.resume': 'Continuing your satisfaction survey ({done} answered).',
  'survey.none': 'You have no satisfaction survey to finish. The monthly survey is sent at the start of each month.',
  'survey.notBound': 'The satisfaction survey is for owners with a bound home; please reply "{bind}" first.',
  'survey.optedOut': 'OK, you will receive no more satisfaction surveys. Reply "{optIn}" to get them again.',
  'survey.alreadyOptedOut': 'You have already unsubscribed from the survey. Reply "{optIn}" to get it again.',
  'survey.optedIn': 'OK, the satisfaction survey is back on; you will get the next one.',
  'survey.notOptedOut': 'You have not unsubscribed from the survey; nothing to change.',
  'survey.ownerTicket':
    'The opinion you gave in the survey for {month} is now ticket {number}; we will handle it and get back to you.',
  'survey.stats.none':
    '[Owner satisfaction survey] {month}: not run yet this month (sent on {when}; our default is the first working day at 10:00).',
  'survey.stats.head':
    '[Owner satisfaction survey] {month}: {invited} invited, {completed} completed, response rate {rate}',
  'survey.stats.byQuestion': 'By question (average):',
  'survey.stats.question': '· {label}: {avg} ({n} answers)',
  'survey.stats.byBuilding': 'By building:',
  'survey.stats.building': '· Building {building}: {completed}/{invited} completed, average {avg}',
  'survey.stats.opinions': 'Owner opinions collected this month: {count}, target {target}{note} {mark}',
  'survey.stats.targetDefault': ' (our default target, settable per estate)',
  'survey.stats.targetSet': ' (set for this estate)',
  'survey.stats.met': '✓ met',
  'survey.stats.notMet': '✗ not met',
  'survey.stats.hint':
    'Send the opinion list command to read them and the opinion-to-ticket command with a number to file one.',
  'survey.stats.firstWorkday': 'the first working day at {time}',
  'survey.stats.fixedDay': 'day {day} at {time}',
  'survey.score': '{avg}',
  'survey.noScore': '—',
  'survey.opinions.empty': '[Owner opinions] {month}: none collected yet.',
  'survey.opinions.head': '[Owner opinions] {month}: {count} (target {target}{note}):',
  'survey.opinions.line': '{n}. {unit} ({date}): {text}{ticket}',
  'survey.opinions.ticket': ' [ticket {number}]',
  'survey.opinions.hint': 'Send the opinion-to-ticket command with a number to file one as a ticket.',
  'survey.toTicket.done': 'Opinion {n} is now ticket {number} ({unit}); the owner was told. Claim it from the queue.',
  'survey.toTicket.already': 'Opinion {n} already became ticket {number}.',
  'survey.toTicket.notFound':
    'There is no opinion {n} ({month} has {count}). Send the opinion list command to see them.',
  'survey.toTicket.usage': 'Usage: opinion-to-ticket number [month], e.g. 3, or 2 2026-11',
  'survey.ticket.description': 'Owner satisfaction survey opinion ({month}): {text}',
  'survey.ticket.location': 'Satisfaction survey',
} as const;
