// Working days on the official PRC calendar, as the services count them: the calendar comes from
// GET /api/<service>/calendar/years (State Council notices; provisional years derived from the
// holiday law), dates are Beijing time (UTC+8, no daylight saving), and a deadline's dueAt is the
// exclusive end of its period.

const DAY = 24 * 60 * 60 * 1000
const BEIJING = 8 * 60 * 60 * 1000

export function calendarFrom(years) {
  const holidays = new Set()
  const makeup = new Set()
  for (const y of years || []) {
    for (const d of y.publicHolidays || []) holidays.add(d)
    for (const d of y.makeupWorkingDays || []) makeup.add(d)
  }
  return { holidays, makeup }
}

function beijingDate(ms) {
  return new Date(ms + BEIJING).toISOString().slice(0, 10)
}

export function isWorkingDay(calendar, isoDate) {
  if (calendar.makeup.has(isoDate)) return true
  if (calendar.holidays.has(isoDate)) return false
  const weekday = new Date(isoDate + 'T00:00:00Z').getUTCDay()
  return weekday !== 0 && weekday !== 6
}

/**
 * Working time left until dueAt, in working days (fractions count: 3 hours of a working day is
 * 0.125). Zero once due. Only working days count, so a weekend in between does not make a
 * deadline look further away than the law reckons it.
 */
export function workingDaysLeft(calendar, now, dueAt) {
  let from = new Date(now).getTime()
  const to = new Date(dueAt).getTime()
  if (!(to > from)) return 0
  let total = 0
  // Day by day in Beijing time; a deadline is weeks away at most, so this stays small.
  while (from < to) {
    const local = from + BEIJING
    const dayEnd = Math.floor(local / DAY) * DAY + DAY - BEIJING
    const end = Math.min(dayEnd, to)
    if (isWorkingDay(calendar, beijingDate(from))) total += (end - from) / DAY
    from = end
  }
  return total
}

/** OVERDUE when due (or the engine already fired it), URGENT within one working day, else OK. */
export function urgency(calendar, now, deadline) {
  const left = workingDaysLeft(calendar, now, deadline.dueAt)
  if (deadline.state === 'FIRED' || new Date(deadline.dueAt).getTime() <= new Date(now).getTime()) {
    return { level: 'OVERDUE', left: 0 }
  }
  return { level: left <= 1 ? 'URGENT' : 'OK', left }
}

/**
 * Whole working days left, as the statute counts them: a period received today runs from the next
 * working day, so the rest of today is not counted (5wd submitted now shows 5, not 6). Under one
 * whole working day is 0, which the countdown words as 不足 1 个工作日.
 */
export function displayDays(left) {
  return left <= 0 ? 0 : Math.floor(left + 1e-9)
}

/** 2026-12-08 17:00 in Beijing time, whatever the browser's zone. */
export function formatBeijing(instant) {
  const d = new Date(new Date(instant).getTime() + BEIJING).toISOString()
  return d.slice(0, 10) + ' ' + d.slice(11, 16)
}
