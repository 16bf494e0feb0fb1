import { urgency } from './workdays.js'

/** Every service's api base; each answers GET <base>/deadlines (platform/starter DeadlineController). */
export const SERVICES = ['/api/catalog', '/api/sharing', '/api/open-data', '/api/objections', '/api/audit']

/**
 * Which open deadlines wait on which role: process, and step where the process has steps done by
 * different people. The APIs already narrow department roles to their own department.
 */
const WORK = {
  'bureau-reviewer': ['catalog-review', 'catalog-withdrawal', 'platform-grant', 'share-application:formality-check',
    'uncatalogued-demand'],
  'platform-operator': ['objection:mark', 'objection:transfer', 'objection:platform-decision'],
  'dept-approver': ['share-application:provider-decision', 'share-application:implementation', 'conditional-open',
    'objection:source-decision', 'objection:verify'],
  'dept-data-officer': ['catalog-duty', 'objection:fix', 'objection:source-decision'],
}

export function waitsOn(roles, deadline) {
  return roles.some((role) => (WORK[role] || []).some((w) => {
    const [process, step] = w.split(':')
    return deadline.process === process && (!step || deadline.step === step)
  }))
}

/** The screen that does the step, if the console has one. */
export function screenFor(deadline) {
  if (deadline.process === 'catalog-review') return `/review/${encodeURIComponent(deadline.subjectId)}`
  if (deadline.process === 'share-application' && deadline.step === 'provider-decision') {
    return `/applications/${encodeURIComponent(deadline.subjectId)}`
  }
  if (deadline.process === 'objection') return `/objections/${encodeURIComponent(deadline.subjectId)}`
  return null
}

/** Queue rows for the deadlines that wait on these roles, soonest due first (overdue at the top). */
export function buildQueue(deadlines, roles, calendar, now) {
  const seen = new Set()
  return deadlines
    .filter((d) => d.state === 'PENDING' || d.state === 'FIRED')
    .filter((d) => waitsOn(roles, d))
    .filter((d) => (seen.has(d.id) ? false : seen.add(d.id)))
    .map((d) => ({ ...d, urgency: urgency(calendar, now, d), screen: screenFor(d) }))
    .sort((a, b) => new Date(a.dueAt) - new Date(b.dueAt) || a.id.localeCompare(b.id))
}
