import { describe, expect, it } from 'vitest'
import { mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import Countdown from '../src/components/Countdown.vue'
import { displayDays, urgency, workingDaysLeft } from '../src/lib/workdays.js'
import { calendar, deadline } from './fixtures.js'

const mountCountdown = (d, now) => mount(Countdown, {
  props: { dueAt: d.dueAt, urgency: urgency(calendar, now, d) },
  global: { plugins: [ElementPlus] },
})

describe('the countdown', () => {
  it('counts only working days: a weekend between now and the due time does not count', () => {
    // Friday 9 January 2026 00:00 Beijing → due Tuesday 13 January 00:00 Beijing: Fri + Mon = 2 working days.
    const left = workingDaysLeft(calendar, '2026-01-08T16:00:00Z', '2026-01-12T16:00:00Z')
    expect(left).toBeCloseTo(2, 5)
  })

  it('skips the New Year holiday and counts the makeup Sunday as a working day', () => {
    // Wed 31 Dec 00:00 → Mon 5 Jan 00:00 Beijing: 31 Dec and Sunday 4 Jan work; 1-3 Jan are off.
    expect(workingDaysLeft(calendar, '2025-12-30T16:00:00Z', '2026-01-04T16:00:00Z')).toBeCloseTo(2, 5)
  })

  it('shows the due time in Beijing time and the whole working days left, not red when more than one is left', () => {
    const d = deadline('a', '2026-01-12T16:00:00Z')
    const wrapper = mountCountdown(d, '2026-01-08T16:00:00Z')
    expect(wrapper.text()).toContain('2026-01-13 00:00')
    expect(wrapper.text()).toContain('剩余 2 个工作日')
    expect(wrapper.find('.countdown').attributes('data-level')).toBe('OK')
  })

  it('turns red within one working day, and words a part of a day as under one working day', () => {
    const d = deadline('b', '2026-01-12T16:00:00Z')
    const wrapper = mountCountdown(d, '2026-01-12T04:00:00Z') // Monday noon Beijing
    expect(wrapper.find('.countdown').classes()).toContain('countdown--urgent')
    expect(wrapper.text()).toContain('剩余不足 1 个工作日')
    expect(displayDays(0.5)).toBe(0)
    // Exactly one whole working day left is still red.
    expect(urgency(calendar, '2026-01-11T16:00:00Z', d).level).toBe('URGENT')
  })

  it('flags an overdue deadline, and one the engine already fired even if the browser clock lags', () => {
    const late = mountCountdown(deadline('c', '2026-01-12T16:00:00Z'), '2026-01-13T01:00:00Z')
    expect(late.find('.countdown').classes()).toContain('countdown--overdue')
    expect(late.text()).toContain('已超期')
    const fired = urgency(calendar, '2026-01-12T15:59:00Z', deadline('d', '2026-01-12T16:00:00Z', { state: 'FIRED' }))
    expect(fired.level).toBe('OVERDUE')
  })
})
