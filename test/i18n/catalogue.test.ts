// The en catalogue is a real translation: no value still in Chinese (names only ever arrive through placeholders).
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { en } from '../../src/i18n/en.js';
import { zhCN } from '../../src/i18n/zh-CN.js';

const CJK = /[\u3400-\u9fff\uf900-\ufaff\u3000-\u303f\uff00-\uffef]/;

describe('en catalogue', () => {
  it('has every zh-CN key and no untranslated value', () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(zhCN).sort());
    const untranslated = Object.entries(en).filter(([, text]) => CJK.test(text.replace(/\{\w+\}/g, '')));
    expect(untranslated).toEqual([]);
  });

  it('keeps the same placeholders as zh-CN', () => {
    const names = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
    for (const [key, text] of Object.entries(zhCN)) expect(names(en[key as keyof typeof en]), key).toEqual(names(text));
  });
});

/**
 * Keys the code builds from a value (`fees.type.${type}`) rather than writing out: each prefix with where it is built.
 * A key under one of these prefixes counts as used.
 */
const BUILT_KEYS: Array<[prefix: string, where: string]> = [
  ['appointments.purpose.', 'src/keys/key.service.ts (per appointment purpose)'],
  ['bindGuard.method.', 'src/identity/binding.service.ts (per binding method)'],
  ['fees.type.', 'src/fees/fee.rules.ts (per fee type)'],
  ['fees.reminder.', 'src/fees/arrears-campaign.ts (per reminder stage)'],
  ['fees.import.field.', 'src/fees/bill-import.parser.ts (per imported column)'],
  ['fees.cli.phase.', 'src/fees/fee-import.cli.ts (per import phase)'],
  ['bind.fail.', 'src/identity/binding.replies.ts (per binding failure)'],
  ['household.role.', 'src/identity/binding.service.ts memberRoleLabel (per member role)'],
  ['keys.kind.', 'src/keys/key.service.ts (per key appointment kind)'],
  ['keys.status.', 'src/keys/key.service.ts (per key appointment status)'],
  ['nlu.label.', 'dialogs/main.dialog.ts (per understood intent / sub-intent)'],
  ['notice.channel.', 'src/notices/notice.service.ts channelKey (per chat channel)'],
  ['notice.faq.', 'dialogs/keyword-routes.ts faqAnswer (per default FAQ id)'],
  ['pass.status.', 'src/permits/contractor-pass.service.ts (per pass status)'],
  ['card.kind.', 'src/permits/card-request.ts, dialogs/access-card.dialog.ts (per card request kind)'],
  ['permitApply.sla.ask.', 'src/renovation/renovation.service.ts (per SLA step)'],
  ['queue.kind.', 'src/tickets/work-queue.service.ts, src/reports/ticket-export.ts (per ticket kind)'],
  ['lifecycle.kind.', 'src/complaints/complaint.service.ts (per ticket kind)'],
  ['settings.weekday.', 'src/sla/desk-settings.ts (per weekday number)'],
  ['undelivered.kind.', 'src/commands/undelivered.commands.ts (per notice kind)'],
  ['survey.q.', 'src/survey/survey.service.ts questionLabel (per default survey question)'],
  ['repair.trade.', 'src/repairs/repair.service.ts tradeLabel (DEFAULT_TRADE_IDS)'],
  ['repair.price.', 'src/repairs/repair.service.ts priceLabel (DEFAULT_PRICE_TEXT_IDS)'],
  ['complaint.status.', 'src/tickets/status-labels.ts (per ticket status)'],
  ['complaint.next.', 'src/tickets/status-labels.ts (next step per ticket status)'],
  ['complaint.category.', 'src/tickets/status-labels.ts (per complaint category)'],
  ['complaint.event.', 'src/tickets/status-labels.ts (per ticket history action)'],
  ['complaint.template.', 'src/complaints/complaint.service.ts (WeChat template status per ticket status)'],
  ['emergency.advice.', 'src/complaints/emergency.ts (per emergency type)'],
  ['emergency.label.', 'src/complaints/emergency.ts (per emergency type)'],
  ['emergency.type.', 'src/complaints/emergency.ts, src/tickets/status-labels.ts (per emergency type)'],
  ['reno.deposit.', 'src/renovation/renovation.service.ts (per deposit status)'],
  ['reno.kind.', 'src/renovation/renovation.service.ts (per renovation request kind)'],
  ['reno.status.', 'src/renovation/extension.rules.ts (per permit status)'],
  ['sla.ask.', 'src/sla/sla.service.ts (per SLA step)'],
  ['sla.step.', 'src/sla/ladder.ts STEP_LABEL (per SLA step)'],
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = join(dir, e.name);
    if (e.isDirectory()) return p === join('src', 'i18n') || p === join('src', 'generated') ? [] : sourceFiles(p);
    return p.endsWith('.ts') ? [p] : [];
  });
}

describe('zh-CN catalogue', () => {
  it('has no unused key: each appears as a string literal in src/, dialogs/ or adapters/ (or is built, see above)', () => {
    const code = ['src', 'dialogs', 'adapters']
      .flatMap(sourceFiles)
      .map((f) => readFileSync(f, 'utf8'))
      .join('\n');
    const unused = Object.keys(zhCN).filter(
      (key) =>
        !BUILT_KEYS.some(([prefix]) => key.startsWith(prefix)) &&
        ![`'${key}'`, `"${key}"`, `\`${key}\``].some((literal) => code.includes(literal)),
    );
    expect(unused).toEqual([]);
  });
});
