// The leads of one session, live: new leads arrive over the plugin's namespace /plugins/lead-form
// (topic `leads`), so the table grows without reloading. Render functions: the panel ships the
// runtime-only Vue.
import { computed, defineComponent, h, ref, watch } from 'vue'
import { useRoute, useRouter } from 'vue-router'
import {
  Button, Column, DataState, DataTable, Message, PageHeader, Select, Tag,
  api, useAsyncData, useAuth, useConfirm, useI18n, useRealtimeEvent, useToast, useTopic,
} from '@waqtor/admin-kit'

const pluginId = 'lead-form'
const namespace = `/plugins/${pluginId}`
const text = (key) => `${pluginId}.${key}`

export default defineComponent({
  name: 'LeadFormLeads',
  setup() {
    const { t, n, d } = useI18n()
    const auth = useAuth()
    const confirm = useConfirm()
    const toast = useToast()
    const route = useRoute()
    const router = useRouter()

    const sessions = useAsyncData((signal) => api.get('sessions/list', undefined, signal))
    const sessionOptions = computed(() => (sessions.data.value?.items ?? []).map((session) => ({ label: session.name || session.clientId, value: session.clientId })))
    // The session is in the address (?session=shop), so a view can be shared.
    const sessionId = computed(() => (typeof route.query.session === 'string' ? route.query.session : sessionOptions.value[0]?.value ?? null))
    const choose = (clientId) => void router.replace({ query: { ...route.query, session: clientId } })

    const leads = useAsyncData(
      (signal) => (sessionId.value ? api.get(`plugins/${pluginId}/leads`, { clientId: sessionId.value }, signal) : Promise.resolve(null)),
      { immediate: false },
    )
    const rows = ref([])
    const fresh = ref(new Set())
    watch(() => leads.data.value, (answer) => {
      rows.value = answer?.items ?? []
    })
    watch(sessionId, () => {
      fresh.value = new Set()
      void leads.reload()
    }, { immediate: true })

    // Live: the plugin emits to the subscribers of the lead's session only.
    useTopic('leads', () => sessionId.value ?? undefined, namespace)
    useRealtimeEvent('lead-form.lead.captured', (lead) => {
      if (lead.sessionId !== sessionId.value || rows.value.some((row) => row.id === lead.id)) return
      rows.value = [lead, ...rows.value]
      fresh.value = new Set(fresh.value).add(lead.id)
    }, namespace)
    useRealtimeEvent('lead-form.lead.deleted', ({ id }) => {
      rows.value = rows.value.filter((row) => row.id !== id)
    }, namespace)

    function remove(lead) {
      confirm.require({
        header: t(text('deleteHeader')),
        message: t(text('deleteMessage'), { name: lead.name }),
        icon: 'pi pi-trash',
        acceptProps: { label: t(text('delete')), icon: 'pi pi-trash', severity: 'danger' },
        rejectProps: { label: t('common.cancel'), severity: 'secondary', outlined: true },
        accept: async () => {
          try {
            await api.delete(`plugins/${pluginId}/leads/${encodeURIComponent(lead.id)}`)
            rows.value = rows.value.filter((row) => row.id !== lead.id)
            toast.add({ severity: 'success', summary: t(text('deleted')), life: 3000 })
          } catch (error) {
            toast.add({ severity: 'error', summary: error instanceof Error ? error.message : String(error), life: 6000 })
          }
        },
      })
    }

    const columns = () => [
      h(Column, { header: t(text('name')) }, {
        body: ({ data }) => h('span', [
          h('span', { 'data-testid': 'lead-form-lead-name' }, data.name),
          fresh.value.has(data.id) ? h(Tag, { value: t(text('new')), severity: 'success', style: 'margin-inline-start: 0.5rem', 'data-testid': 'lead-form-lead-new' }) : null,
        ]),
      }),
      h(Column, { header: t(text('phone')), headerClass: 'wide-only', bodyClass: 'wide-only' }, { body: ({ data }) => h('span', { class: 'mono', dir: 'ltr' }, `+${data.phone}`) }),
      h(Column, { header: t(text('budget')) }, { body: ({ data }) => n(data.budget, 'integer') }),
      h(Column, { header: t(text('district')) }, { body: ({ data }) => data.district }),
      h(Column, { header: t(text('language')), headerClass: 'wide-only', bodyClass: 'wide-only' }, {
        body: ({ data }) => h(Tag, { value: data.locale === 'ar' ? t(text('arabic')) : t(text('english')), severity: 'secondary' }),
      }),
      h(Column, { header: t(text('received')), headerClass: 'wide-only', bodyClass: 'wide-only' }, { body: ({ data }) => d(new Date(data.createdAt), 'short') }),
      auth.canWrite && auth.canAccessSession(sessionId.value ?? '')
        ? h(Column, { header: t(text('actions')), frozen: true, alignFrozen: 'right' }, {
            body: ({ data }) => h(Button, { icon: 'pi pi-trash', text: true, rounded: true, severity: 'danger', 'aria-label': t(text('delete')), onClick: () => remove(data) }),
          })
        : null,
    ]

    return () =>
      h('div', { class: 'lead-form' }, [
        h(PageHeader, { title: t(text('title')), subtitle: t(text('subtitle')) }, {
          actions: () => h(Button, { label: t(text('refresh')), icon: 'pi pi-refresh', outlined: true, loading: leads.loading.value, disabled: !sessionId.value, onClick: () => leads.reload() }),
        }),
        h(DataState, {
          loading: sessions.loading.value,
          error: sessions.error.value,
          empty: sessionOptions.value.length === 0,
          emptyText: t(text('noSessions')),
          emptyIcon: 'pi pi-mobile',
          onRetry: () => sessions.reload(),
        }, {
          default: () => [
            h('div', { class: 'panel-card form-field', style: 'margin-block-end: 1rem' }, [
              h('label', { for: 'lead-form-session' }, t(text('session'))),
              h(Select, {
                inputId: 'lead-form-session',
                modelValue: sessionId.value,
                options: sessionOptions.value,
                optionLabel: 'label',
                optionValue: 'value',
                placeholder: t(text('pickSession')),
                'onUpdate:modelValue': choose,
                'data-testid': 'lead-form-session',
              }),
            ]),
            leads.data.value && !leads.data.value.enabled ? h(Message, { severity: 'info', closable: false, style: 'margin-block-end: 1rem' }, () => t(text('notEnabled'))) : null,
            h(DataState, {
              loading: leads.loading.value && rows.value.length === 0,
              error: leads.error.value,
              empty: rows.value.length === 0,
              emptyText: t(text('noLeads')),
              emptyIcon: 'pi pi-id-card',
              onRetry: () => leads.reload(),
            }, {
              default: () => h('div', { class: 'panel-card' }, [
                h(DataTable, { value: rows.value, dataKey: 'id', size: 'small', paginator: rows.value.length > 25, rows: 25, 'data-testid': 'lead-form-leads' }, { default: columns }),
              ]),
            }),
          ],
        }),
      ])
  },
})
