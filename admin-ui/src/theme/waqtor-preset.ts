import { definePreset } from '@primeuix/themes'
import Aura from '@primeuix/themes/aura'

/** A message severity's text, in all three message variants, in a colour that reads on its tint. */
function readableMessage(color: string) {
  return { color, outlined: { color }, simple: { color } }
}

/**
 * Aura with colours dark enough to read: text and buttons in the primary colour, muted text,
 * secondary and danger buttons, info messages and the language switch's unselected option all
 * reach WCAG AA contrast (4.5:1) on the panel's white and light grey backgrounds (Aura's
 * emerald-500 on white is 2.5:1). The browser tests run axe-core on every main page to keep it so.
 */
export const waqtorPreset = definePreset(Aura, {
  semantic: {
    colorScheme: {
      light: {
        primary: { color: '{primary.700}', contrastColor: '#ffffff', hoverColor: '{primary.800}', activeColor: '{primary.900}' },
        text: { mutedColor: '{surface.600}' },
      },
    },
  },
  components: {
    button: {
      colorScheme: {
        light: {
          root: {
            danger: {
              background: '{red.600}', hoverBackground: '{red.700}', activeBackground: '{red.800}',
              borderColor: '{red.600}', hoverBorderColor: '{red.700}', activeBorderColor: '{red.800}',
            },
          },
          outlined: { secondary: { color: '{surface.600}' }, danger: { color: '{red.700}' } },
          text: { secondary: { color: '{surface.600}' }, danger: { color: '{red.700}' } },
        },
      },
    },
    message: {
      colorScheme: {
        light: {
          info: readableMessage('{blue.700}'),
          success: readableMessage('{green.700}'),
          warn: readableMessage('{yellow.800}'),
          error: readableMessage('{red.700}'),
        },
      },
    },
    togglebutton: {
      colorScheme: { light: { root: { color: '{surface.600}' }, icon: { color: '{surface.600}' } } },
    },
  },
})
