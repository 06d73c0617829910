import { onBeforeUnmount, watch, type Ref } from 'vue'

/** The CSS variable the layout subtracts from the side menu's height and adds below the page. */
export const bottomSpaceVariable = '--panel-bottom-bar-height'

// Every bar showing now (the login page and the layout may overlap while the route changes).
const heights = new Map<symbol, number>()

function apply(): void {
  const tallest = Math.max(0, ...heights.values())
  const style = document.documentElement.style
  if (tallest > 0) style.setProperty(bottomSpaceVariable, `${tallest}px`)
  else style.removeProperty(bottomSpaceVariable)
}

/**
 * A bar fixed to the bottom of the window (the cookie banner) takes its height from the layout
 * instead of lying over it: the side menu ends above it and the page can scroll clear of it, so
 * it never covers navigation.
 */
export function useReservedBottomSpace(bar: Ref<HTMLElement | null>): void {
  const id = Symbol('bottom bar')
  let observer: ResizeObserver | undefined
  const measure = (element: HTMLElement) => {
    heights.set(id, element.getBoundingClientRect().height)
    apply()
  }
  watch(
    bar,
    (element) => {
      observer?.disconnect()
      observer = undefined
      if (!element) {
        heights.delete(id)
        apply()
        return
      }
      measure(element)
      // The text wraps differently as the window narrows or the language changes.
      observer = new ResizeObserver(() => measure(element))
      observer.observe(element)
    },
    { flush: 'post', immediate: true },
  )
  onBeforeUnmount(() => {
    observer?.disconnect()
    heights.delete(id)
    apply()
  })
}
