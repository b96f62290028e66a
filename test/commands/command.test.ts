import { describe, it, expect } from 'vitest';
import { refFrom } from '../../src/commands/command.js';
import { parseDecisionArgs } from '../../src/commands/renovation.commands.js';

const TICKET = { leading: /(TS-?\d{8}-?\d{1,4}|#?\d{1,4})/i, quoted: /(TS-\d{8}-\d{4})/i };

describe('refFrom — the reference a command acts on', () => {
  it('takes a reference typed first, and the rest as text', () => {
    expect(refFrom('0007 已联系业主', null, TICKET)).toEqual({ ref: '0007', rest: '已联系业主' });
    expect(refFrom('TS-20261128-0007', '【新投诉】TS-20261128-0001', TICKET)).toEqual({
      ref: 'TS-20261128-0007',
      rest: '',
    });
  });

  it('falls back to the first reference in the quoted notice when the arguments do not start with one', () => {
    const notice = '【新投诉】TS-20261128-0003 噪音（一般）\n关联工单：TS-20261120-0001\n业主：刘洋 138****5678';
    expect(refFrom('', notice, TICKET)).toEqual({ ref: 'TS-20261128-0003', rest: '' });
    expect(refFrom('已处理好 12楼', notice, TICKET)).toEqual({ ref: 'TS-20261128-0003', rest: '已处理好 12楼' });
  });

  it('is null with neither (the command then shows its usage)', () => {
    expect(refFrom('已处理好', null, TICKET)).toBeNull();
    expect(refFrom('', '随便说说 1201', TICKET)).toBeNull();
  });
});

describe('parseDecisionArgs with a quoted renovation notice', () => {
  const notice = '【装修审批】新申请 #12 延期｜许可 ZX-2026-0003｜延期至 2026-12-20\n回复“批准 12”或“驳回 12 理由”。';
  it('reads "#12" from the notice when only a reason (or nothing) is typed', () => {
    expect(parseDecisionArgs('', notice)).toEqual({ seq: 12, note: '' });
    expect(parseDecisionArgs('材料不全', notice)).toEqual({ seq: 12, note: '材料不全' });
    expect(parseDecisionArgs('', '装修申请 编号 7 已提交')).toEqual({ seq: 7, note: '' });
  });
  it('prefers a number typed first', () => {
    expect(parseDecisionArgs('#3 太晚了', notice)).toEqual({ seq: 3, note: '太晚了' });
    expect(parseDecisionArgs('材料不全')).toBeNull();
  });
});
