import { describe, expect, it } from 'vitest'
import { mountPage } from '../testing/mount-page.ts'
import AckIcon from './AckIcon.vue'

describe('AckIcon', () => {
  it.each([
    [-1, 'error', 'Failed', 'pi-exclamation-triangle', 1],
    [0, 'pending', 'Pending', 'pi-clock', 1],
    [1, 'server', 'Sent', 'pi-check', 1],
    [2, 'device', 'Delivered', 'pi-check', 2],
    [3, 'read', 'Read', 'pi-check', 2],
    [4, 'played', 'Played', 'pi-play', 1],
  ])('draws ack %i as %s with a spoken label', async (ack, name, label, icon, marks) => {
    const { wrapper } = await mountPage(AckIcon, { props: { ack } })
    const root = wrapper.get('[data-testid=ack-icon]')
    expect(root.attributes('data-ack')).toBe(name)
    expect(root.attributes('aria-label')).toBe(label)
    expect(root.attributes('title')).toBe(label)
    expect(root.attributes('role')).toBe('img')
    const drawn = root.findAll('i')
    expect(drawn).toHaveLength(marks)
    expect(drawn[0]!.classes()).toContain(icon)
  })

  it('takes the ACK by name too, and marks read in blue unlike delivered', async () => {
    const read = (await mountPage(AckIcon, { props: { ackName: 'read' } })).wrapper.get('[data-testid=ack-icon]')
    const delivered = (await mountPage(AckIcon, { props: { ackName: 'device' } })).wrapper.get('[data-testid=ack-icon]')
    expect(read.attributes('data-ack')).toBe('read')
    expect(read.classes()).toContain('ack-icon--read')
    expect(delivered.classes()).not.toContain('ack-icon--read')
  })

  it('speaks Arabic in the Arabic panel', async () => {
    const { wrapper } = await mountPage(AckIcon, { props: { ack: 3 }, locale: 'ar' })
    expect(wrapper.get('[data-testid=ack-icon]').attributes('aria-label')).toBe('مقروءة')
  })
})
