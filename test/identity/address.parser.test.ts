import { describe, it, expect } from 'vitest';
import { formatUnitAddress, parseUnitAddress } from '../../src/identity/address.parser.js';

describe('parseUnitAddress', () => {
  it.each([
    ['3栋2单元1201', '3', '2', '1201'],
    ['3-2-1201', '3', '2', '1201'],
    ['3幢1201室', '3', null, '1201'],
    ['3号楼2单元1201室', '3', '2', '1201'],
    ['三栋二单元1201', '3', '2', '1201'],
    ['十二栋三单元502', '12', '3', '502'],
    ['3#1201', '3', null, '1201'],
    ['3栋1201', '3', null, '1201'],
    ['3/2/1201', '3', '2', '1201'],
    ['B3栋1201', 'B3', null, '1201'],
    ['b3栋1201', 'B3', null, '1201'],
    ['A座2单元801', 'A', '2', '801'],
    ['3座2单元1201', '3', '2', '1201'],
    ['3号楼1201', '3', null, '1201'],
    ['3 栋 2 单元 1201 室', '3', '2', '1201'],
    ['３栋１２０１', '3', null, '1201'],
    ['３－２－１２０１', '3', '2', '1201'],
    ['3-1201', '3', null, '1201'],
    ['我家是3栋2单元1201', '3', '2', '1201'],
    ['你好，我住3栋2单元1201，厨房漏水', '3', '2', '1201'],
    ['3栋2单元12楼01', '3', '2', '1201'],
    ['3号楼2门1201', '3', '2', '1201'],
    ['3栋2-1201', '3', '2', '1201'],
    ['3栋2单元302A', '3', '2', '302A'],
    ['03栋1201', '3', null, '1201'],
    ['三号楼二单元一二零一', '3', '2', '1201'],
    ['五栋三零二室', '5', null, '302'],
  ])('reads %j', (text, building, entrance, room) => {
    expect(parseUnitAddress(text)).toEqual({ building, entrance, room });
  });

  it.each([
    '你好',
    '1201',
    '投诉',
    '3栋',
    '2单元1201',
    '我的电话是138-1234-5678',
    '2026-12-20',
    '12月20号',
    '3 2 1201',
    '3栋2单元12楼',
    '',
  ])('finds no address in %j', (text) => {
    expect(parseUnitAddress(text)).toBeNull();
  });
});

describe('formatUnitAddress', () => {
  it('writes the canonical spelling with and without an entrance', () => {
    expect(formatUnitAddress({ building: '3', entrance: '2', room: '1201' })).toBe('3栋2单元1201');
    expect(formatUnitAddress({ building: '3', entrance: null, room: '1201' })).toBe('3栋1201');
  });

  it('round-trips what the parser reads', () => {
    const parsed = parseUnitAddress('三号楼二单元1201室');
    expect(parsed).not.toBeNull();
    if (parsed !== null) expect(formatUnitAddress(parsed)).toBe('3栋2单元1201');
  });
});
