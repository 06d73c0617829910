import { describe, expect, it } from 'vitest'
import { defineComponent, h, ref } from 'vue'
import { ApiError } from '../../api/api-error.ts'
import { flushPromises, mountPage } from '../../testing/mount-page.ts'
import JsonSchemaForm from './JsonSchemaForm.vue'
import type { JsonSchema } from './schema-model.ts'
import type { SchemaValues } from './schema-values.ts'
import { useSchemaFormErrors } from './use-schema-form-errors.ts'

const schema: JsonSchema = {
  type: 'object',
  required: ['greeting'],
  properties: {
    greeting: { type: 'string', maxLength: 40, default: 'Hello', description: 'Sent to new contacts' },
    tone: { type: 'string', enum: ['formal', 'friendly'], default: 'friendly' },
    delaySeconds: { type: 'integer', minimum: 0, maximum: 60, default: 5 },
    onlyNewContacts: { type: 'boolean', default: true },
    keywords: { type: 'array', items: { type: 'string' } },
    quietHours: { type: 'object', description: 'When no greeting is sent', properties: { from: { type: 'integer', minimum: 0, maximum: 23 }, to: { type: 'integer', minimum: 0, maximum: 23 } } },
  },
}

/** The form as a page uses it: a v-model, errors from useSchemaFormErrors, a save that may be refused. */
function harness(options: { schema?: JsonSchema; readonly?: boolean; initial?: SchemaValues; inherited?: SchemaValues; refuse?: ApiError } = {}) {
  const formSchema = options.schema ?? schema
  const model = ref<SchemaValues>(options.initial ?? {})
  const saved: SchemaValues[] = []
  const Host = defineComponent({
    setup() {
      const errors = useSchemaFormErrors()
      const submit = () => {
        if (!errors.check(formSchema, model.value, options.inherited)) return
        if (options.refuse) errors.capture(options.refuse, formSchema, 'settings')
        else saved.push(model.value)
      }
      return () =>
        h('form', { onSubmit: (event: Event) => (event.preventDefault(), submit()) }, [
          ...errors.messages.value.map((message) => h('p', { class: 'form-message' }, message)),
          h(JsonSchemaForm, {
            schema: formSchema,
            modelValue: model.value,
            'onUpdate:modelValue': (value: SchemaValues) => (model.value = value),
            inherited: options.inherited,
            errors: errors.fields.value,
            readonly: options.readonly,
            idPrefix: 'greeter',
          }),
        ])
    },
  })
  return { Host, model, saved }
}

describe('JsonSchemaForm', () => {
  it('builds a control for each setting, with its label, help, default as placeholder and required mark', async () => {
    const { Host } = harness()
    const { wrapper } = await mountPage(Host)

    const greeting = wrapper.get('#greeter-greeting')
    expect(greeting.attributes('placeholder')).toBe('Hello')
    expect(greeting.attributes('maxlength')).toBe('40')
    const greetingField = wrapper.get('[data-testid="schema-field-greeting"]')
    expect(greetingField.get('label').text()).toBe('Greeting *')
    expect(greetingField.text()).toContain('Sent to new contacts')

    expect(wrapper.find('[data-testid="schema-field-tone"] .p-select').exists()).toBe(true)
    expect(wrapper.get('[data-testid="schema-field-tone"]').text()).toContain('friendly')
    const delay = wrapper.get('#greeter-delaySeconds')
    expect(delay.attributes('placeholder')).toBe('5')
    expect(wrapper.get('[data-testid="schema-field-delaySeconds"]').text()).toContain('From 0 to 60.')
    // Unset, a toggle shows what applies: the default.
    const toggle = wrapper.get<HTMLInputElement>('#greeter-onlyNewContacts')
    expect(toggle.element.checked).toBe(true)
    expect(wrapper.get('[data-testid="schema-field-onlyNewContacts"]').text()).toContain('default')
    expect(wrapper.get('[data-testid="schema-field-keywords"]').text()).toContain('One per line.')
    expect(wrapper.get('[data-testid="schema-group-quietHours"] legend').text()).toBe('Quiet hours')
    expect(wrapper.find('#greeter-quietHours-from').exists()).toBe(true)
    expect(wrapper.get('[data-testid="schema-field-tone"] label').text()).toBe('Tone')
    wrapper.unmount()
  })

  it('edits the values: text, toggle, one entry a line, a nested setting', async () => {
    const { Host, model } = harness({ initial: { greeting: 'Hi' } })
    const { wrapper } = await mountPage(Host)

    await wrapper.get('#greeter-greeting').setValue('Welcome!')
    await wrapper.get('#greeter-onlyNewContacts').setValue(false)
    await wrapper.get('#greeter-keywords').setValue('price\n\n rent \n')
    const from = wrapper.get('#greeter-quietHours-from')
    await from.setValue('22')
    await from.trigger('blur')
    expect(model.value).toEqual({ greeting: 'Welcome!', onlyNewContacts: false, keywords: ['price', 'rent'], quietHours: { from: 22 } })

    // Emptied, a setting goes back to what is inherited.
    await wrapper.get('#greeter-greeting').setValue('')
    expect(model.value).not.toHaveProperty('greeting')
    wrapper.unmount()
  })

  it('shows its own checks and the server’s field errors on the matching inputs', async () => {
    const refusal = new ApiError(400, 'PLUGIN_SETTINGS_INVALID', 'Invalid input', [
      { field: 'body.settings.delaySeconds', message: 'must be <= 60' },
      { field: 'body.settings.quietHours.to', message: 'must be integer' },
      { field: 'body.settings.keywords.1', message: 'something the form cannot word' },
    ])
    const { Host, saved } = harness({ initial: { delaySeconds: 30 }, inherited: {}, refuse: refusal })
    const { wrapper } = await mountPage(Host)
    const errorOf = (path: string) => wrapper.find(`[data-testid="schema-field-${path}"] [data-testid=field-error]`)

    await wrapper.get('form').trigger('submit')
    await flushPromises()
    expect(saved).toEqual([])
    expect(errorOf('delaySeconds').text()).toBe('Must be at most 60.')
    expect(wrapper.get('#greeter-delaySeconds').attributes('aria-invalid')).toBe('true')
    expect(errorOf('quietHours.to').text()).toBe('Enter a whole number.')
    expect(errorOf('keywords').text()).toBe('something the form cannot word')
    expect(errorOf('greeting').exists()).toBe(false)
    expect(wrapper.get('.form-message').text()).toBe('Please correct the highlighted fields.')
    wrapper.unmount()
  })

  it('asks for a required setting with no default or inherited value, in Arabic too', async () => {
    const strict: JsonSchema = { type: 'object', required: ['token'], properties: { token: { type: 'string', minLength: 8 } } }
    const { Host } = harness({ schema: strict })
    const { wrapper } = await mountPage(Host, { locale: 'ar' })
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid=field-error]').text()).toBe('هذا الحقل مطلوب.')
    await wrapper.get('#greeter-token').setValue('short')
    await wrapper.get('form').trigger('submit')
    expect(wrapper.get('[data-testid=field-error]').text()).toBe('النص قصير جدًا: الحد الأدنى لعدد الأحرف 8.')
    wrapper.unmount()
  })

  it('is read-only for people who may not change it', async () => {
    const { Host } = harness({ readonly: true, initial: { greeting: 'Hi', tone: 'formal', delaySeconds: 3, keywords: ['a'] } })
    const { wrapper } = await mountPage(Host)
    expect(wrapper.get('#greeter-greeting').attributes('readonly')).toBeDefined()
    expect(wrapper.get('#greeter-delaySeconds').attributes('readonly')).toBeDefined()
    expect(wrapper.get('#greeter-keywords').attributes('readonly')).toBeDefined()
    expect(wrapper.get('#greeter-onlyNewContacts').attributes('disabled')).toBeDefined()
    expect(wrapper.get('[data-testid="schema-field-tone"] .p-select').classes()).toContain('p-disabled')
    wrapper.unmount()
  })
})
