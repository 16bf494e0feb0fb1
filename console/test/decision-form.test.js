import { describe, expect, it, vi } from 'vitest'
import { flushPromises, mount } from '@vue/test-utils'
import ElementPlus from 'element-plus'
import DecisionForm from '../src/components/DecisionForm.vue'
import { Problem } from '../src/lib/api.js'

const mountForm = (send) => mount(DecisionForm, {
  props: { items: ['姓名', '公民身份号码', '参保状态'], send },
  global: { plugins: [ElementPlus] },
})

describe('the application decision form', () => {
  it('approves items masked by default, one in clear with its legal basis, and leaves out a refused item', async () => {
    const send = vi.fn().mockResolvedValue({ state: 'APPROVED' })
    const wrapper = mountForm(send)
    const clear = wrapper.find('[data-item="公民身份号码"]').findAll('input[type="radio"]')[1]
    await clear.setValue(true)
    const refuse = wrapper.find('[data-item="参保状态"]').findAll('input[type="radio"]')[2]
    await refuse.setValue(true)
    await wrapper.find('.field-legalBasis input').setValue('《社会保险法》第八十一条')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({
      approve: true, items: ['姓名', '公民身份号码'], unmaskedItems: ['公民身份号码'],
      legalBasis: '《社会保险法》第八十一条', reasons: [],
    })
    expect(wrapper.emitted('decided')).toHaveLength(1)
  })

  it('shows the message of the field the problem body names against that field', async () => {
    const send = vi.fn().mockRejectedValue(new Problem(400, {
      title: 'Invalid request', status: 400,
      errors: [{ field: 'legalBasis', message: '明文提供个人信息须写明法律依据' }],
    }))
    const wrapper = mountForm(send)
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    const legal = wrapper.find('.field-legalBasis')
    expect(legal.classes()).toContain('is-error')
    await flushPromises()
    expect(legal.find('.field-error').text()).toBe('明文提供个人信息须写明法律依据')
    expect(wrapper.find('.field-reasons').classes()).not.toContain('is-error')
    expect(wrapper.emitted('decided')).toBeUndefined()
  })

  it('refusing every item sends a refusal, and a 403 says who may decide', async () => {
    const send = vi.fn().mockRejectedValue(new Problem(403, { title: 'Forbidden', status: 403, detail: 'Only the provider decides' }))
    const wrapper = mountForm(send)
    for (const item of ['姓名', '公民身份号码', '参保状态']) {
      await wrapper.find(`[data-item="${item}"]`).findAll('input[type="radio"]')[2].setValue(true)
    }
    await wrapper.find('.field-reasons textarea').setValue('超出履职范围')
    await wrapper.find('form').trigger('submit')
    await flushPromises()
    expect(send).toHaveBeenCalledWith({ approve: false, reasons: ['超出履职范围'], legalBasis: null })
    expect(wrapper.find('.problem--403').text()).toContain('提供部门审批人')
  })
})
