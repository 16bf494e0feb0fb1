import { calendarFrom } from '../src/lib/workdays.js'

// 2026's official calendar around the dates these tests use (国办发明电〔2025〕7号): New Year's Day off,
// Sunday 4 January a makeup working day.
export const calendar = calendarFrom([{
  year: 2026,
  publicHolidays: ['2026-01-01', '2026-01-02', '2026-01-03'],
  makeupWorkingDays: ['2026-01-04'],
}])

export function deadline(id, dueAt, extra = {}) {
  return {
    id, process: 'catalog-review', step: 'review-1', subjectId: 'ENT-' + id, responsibleDepartment: 'BDB',
    dueAt, state: 'PENDING', ruleCitation: 'NJ 35', ...extra,
  }
}
