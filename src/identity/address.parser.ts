// Reads the unit address an owner types ("3栋2单元1201", "3-2-1201", "三栋二单元1201", …) into building/entrance/room.
import { normalizeDigits, parseZhInt, ZH_NUMERAL_CHARS } from '../shared/zh-numbers.js';

export interface UnitAddress {
  /** Building name as the estate numbers it: "3", "B3", "A". */
  building: string;
  /** 单元 (entrance) number, or null when the building has none or the owner left it out. */
  entrance: string | null;
  /** Room number: digits, possibly with a letter suffix ("1201", "302A"). */
  room: string;
}

// Building markers, longest first so "号楼" wins over "号".
const BUILDING_MARK = '(?:号楼|栋|棟|幢|座|号|#)';
// "单元" everywhere; "门" is how northern estates say it ("3号楼2门1201").
const ENTRANCE_MARK = '(?:单元|门)';
const BUILDING = '([A-Z]{1,2}\\d{0,3}[A-Z]?|\\d{1,3}[A-Z]?)';
// "12楼01" (floor + door) or a plain room number.
const ROOM = '(?:(\\d{1,2})[楼层](\\d{2})|(\\d{2,4}[A-Z]?))';

// Marker spelling: 3栋2单元1201室, 3#1201, B3座1201, 3号楼2门12楼01.
const MARKED = new RegExp(
  `(?<![A-Z0-9])${BUILDING}${BUILDING_MARK}(?:(\\d{1,2})${ENTRANCE_MARK})?-?${ROOM}(?![0-9楼层])`,
);
// Marker on the building only, dash to the room: 3栋2-1201.
const MARKED_DASH = new RegExp(`(?<![A-Z0-9])${BUILDING}${BUILDING_MARK}(\\d{1,2})-(\\d{3,4}[A-Z]?)(?![-/]?[0-9])`);
// Separator spelling: 3-2-1201, 3/2/1201, 3-1201. A trailing "-digit" (phone numbers, dates) disqualifies.
const SEPARATED3 = new RegExp(`(?<![A-Z0-9/-])${BUILDING}([-/])(\\d{1,2})\\2(\\d{3,4}[A-Z]?)(?![-/]?[0-9])`);
const SEPARATED2 = new RegExp(`(?<![A-Z0-9/-])${BUILDING}[-/](\\d{3,4}[A-Z]?)(?![-/]?[0-9])`);

const ZH_BEFORE_MARK = new RegExp(`([${ZH_NUMERAL_CHARS}]+)(?=号楼|栋|棟|幢|座|单元|门)`, 'g');

const ZH_ROOM_AFTER_MARK =
  /(?<=号楼|栋|棟|幢|座|单元|门|#)[零〇一二三四五六七八九]{3,4}(?![零〇一二两三四五六七八九十百千])/g;

function prepare(text: string): string {
  return (
    normalizeDigits(text)
      .toUpperCase()
      // Dash look-alikes IMEs produce.
      .replace(/[‐‑‒–—―−]/g, '-')
      // Spaces go, except between two alphanumerics where joining would invent a number ("3 1201").
      .replace(/\s+/g, (ws, offset: number, whole: string) => {
        const before = whole[offset - 1] ?? '';
        const after = whole[offset + ws.length] ?? '';
        return /[A-Z0-9]/.test(before) && /[A-Z0-9]/.test(after) ? ' ' : '';
      })
      // "三栋二单元" → "3栋2单元": Chinese numerals only where a building/entrance marker follows.
      .replace(ZH_BEFORE_MARK, (zh: string) => {
        const n = parseZhInt(zh);
        return n === null ? zh : String(n);
      })
      // A room read out digit by digit after a marker: "二单元一二零一" → "2单元1201".
      .replace(ZH_ROOM_AFTER_MARK, (zh: string) => String(parseZhInt(zh) ?? zh).padStart(zh.length, '0'))
  );
}

function stripZeros(n: string): string {
  return n.replace(/^0+(?=\d)/, '');
}

function result(building: string, entrance: string | undefined, room: string): UnitAddress {
  return {
    // "03栋" and "3栋" are the same building; letters are kept as typed (upper-cased).
    building: building.replace(/^([A-Z]*)0+(?=\d)/, '$1'),
    entrance: entrance === undefined ? null : stripZeros(entrance),
    room,
  };
}

/**
 * The unit address in free text, or null when there is none. A bare room number ("1201") is ambiguous and gives null:
 * the building must be present.
 */
export function parseUnitAddress(text: string): UnitAddress | null {
  const t = prepare(text);

  const dash = MARKED_DASH.exec(t);
  if (dash?.[1] !== undefined && dash[2] !== undefined && dash[3] !== undefined) {
    return result(dash[1], dash[2], dash[3]);
  }
  const marked = MARKED.exec(t);
  if (marked?.[1] !== undefined) {
    const [, building, entrance, floor, door, room] = marked;
    if (floor !== undefined && door !== undefined) return result(building, entrance, `${floor}${door}`);
    if (room !== undefined) return result(building, entrance, room);
  }
  const three = SEPARATED3.exec(t);
  if (three?.[1] !== undefined && three[3] !== undefined && three[4] !== undefined) {
    return result(three[1], three[3], three[4]);
  }
  const two = SEPARATED2.exec(t);
  if (two?.[1] !== undefined && two[2] !== undefined) {
    return result(two[1], undefined, two[2]);
  }
  return null;
}

/** The canonical spelling shown back to owners and staff: "3栋2单元1201" or "3栋1201". */
export function formatUnitAddress(a: UnitAddress): string {
  return `${a.building}栋${a.entrance === null ? '' : `${a.entrance}单元`}${a.room}`;
}
