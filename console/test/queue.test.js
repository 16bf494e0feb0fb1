import { describe, expect, it } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import WorkQueue from '../src/components/WorkQueue.vue'
import { buildQueue } from '../src/lib/queue.js'
import { calendar, deadline } from './fixtures.js'

const now = '2026-01-12T02:00:00Z' // Monday 10:00 Beijing

describe('the 待办 queue', () => {
  const deadlines = [
    deadline('later', '2026-01-20T16:00:00Z'),
    deadline('soon', '2026-01-12T16:00:00Z'),
    deadline('late', '2026-01-09T16:00:00Z', { state: 'FIRED' }),
    deadline('share', '2026-01-15T16:00:00Z', { process: 'share-application', step: 'provider-decision' }),
    deadline('done', '2026-01-11T16:00:00Z', { state: 'COMPLETED' }),
  ]

  it('lists what waits on the role, soonest due first with the overdue at the top, and leaves out closed steps', () => {
    const bureau = buildQueue(deadlines, ['bureau-reviewer'], calendar, now)
    expect(bureau.map((d) => d.id)).toEqual(['late', 'soon', 'later'])
    const approver = buildQueue(deadlines, ['dept-approver'], calendar, now)
    expect(approver.map((d) => d.id)).toEqual(['share'])
    expect(approver[0].screen).toBe('/applications/ENT-share')
  })

  it('shows each row with its due time and citation, red within a working day and overdue flagged', async () => {
    const items = buildQueue(deadlines, ['bureau-reviewer'], calendar, now)
    const wrapper = mount(WorkQueue, { props: { items }, global: { plugins: [ElementPlus] }, attachTo: document.body })
    await flushPromises()
    const rows = wrapper.findAll('tbody tr')
    expect(rows).toHaveLength(3)
    expect(rows[0].classes()).toContain('row--overdue')
    expect(rows[0].text()).toContain('已超期')
    expect(rows[1].classes()).toContain('row--urgent')
    expect(rows[1].text()).toContain('ENT-soon')
    expect(rows[1].text()).toContain('NJ 35')
    expect(rows[2].classes()).not.toContain('row--urgent')
    expect(rows[2].text()).toContain('2026-01-21 00:00')
    wrapper.unmount()
  })
})
