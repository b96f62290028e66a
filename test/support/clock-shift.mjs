// Runs a whole process tree on a shifted wall clock, without libfaketime: loaded first with
// `NODE_OPTIONS=--import=<abs path>/test/support/clock-shift.mjs` and `WUYE_TEST_CLOCK` set to
//   +400d / -3h / +90m   an offset from the real clock, or
//   2026-12-31T23:50:00+08:00   an instant the clock starts at (then it advances normally).
// `Date` (new Date(), Date(), Date.now()) reads the shifted clock; timers, performance.now() and process.hrtime do
// not (they measure durations, which the shift must not change). The first process turns the setting into a fixed
// offset in WUYE_TEST_CLOCK_OFFSET_MS, so vitest's workers and every child process the tests spawn share one clock
// instead of each starting over at the instant. Database servers keep their own clock: code that lets PostgreSQL or
// SQLite stamp a time (DEFAULT now()) is exactly what a shifted run should catch.
const setting = process.env.WUYE_TEST_CLOCK;
const inherited = process.env.WUYE_TEST_CLOCK_OFFSET_MS;

/** The offset in ms for a setting, or throws with the accepted forms. */
function offsetOf(value) {
  const rel = /^([+-])(\d+(?:\.\d+)?)([dhms])$/.exec(value.trim());
  if (rel) {
    const unit = { d: 86_400_000, h: 3_600_000, m: 60_000, s: 1000 }[rel[3]];
    return (rel[1] === '-' ? -1 : 1) * Number(rel[2]) * unit;
  }
  const at = Date.parse(value);
  if (Number.isNaN(at) || !/T.*(Z|[+-]\d\d:?\d\d)$/.test(value.trim())) {
    throw new Error(
      `WUYE_TEST_CLOCK=${value}: use +400d, -3h, +90m or an ISO instant with its zone (2026-12-31T23:50:00+08:00)`,
    );
  }
  return at - Date.now();
}

const offset = inherited !== undefined ? Number(inherited) : setting ? offsetOf(setting) : 0;
if (!Number.isFinite(offset)) throw new Error(`WUYE_TEST_CLOCK_OFFSET_MS=${inherited} is not a number`);
process.env.WUYE_TEST_CLOCK_OFFSET_MS = String(offset);

if (offset !== 0 && !globalThis.__wuyeClockShift) {
  const RealDate = Date;
  const now = () => RealDate.now() + offset;
  // A function, not a class: `Date()` without `new` must still return the current time as a string.
  function ShiftedDate(...args) {
    if (!new.target) return new RealDate(now()).toString();
    return Reflect.construct(RealDate, args.length === 0 ? [now()] : args, new.target);
  }
  Object.setPrototypeOf(ShiftedDate, RealDate); // Date.UTC, Date.parse
  Object.defineProperties(ShiftedDate, {
    prototype: { value: RealDate.prototype },
    name: { value: 'Date' },
    length: { value: 7 },
    now: { value: now, writable: true, configurable: true },
  });
  globalThis.Date = ShiftedDate;
  globalThis.__wuyeClockShift = offset;
}
