// The contact counter's page, written with render functions: the panel ships the runtime-only
// build of Vue, which cannot compile templates in the browser. Everything comes from the panel:
// Vue itself, its PrimeVue components and helpers through `@waqtor/admin-kit`.
import { computed, defineComponent, h, onBeforeUnmount, ref, watch } from 'vue'
import { Button, Column, DataState, DataTable, PageHeader, Tag, api, useAsyncData, useI18n, useRealtimeEvent, useTopic } from '@waqtor/admin-kit'

const pluginId = 'contact-counter'
const text = (key) => `${pluginId}.${key}`

/** Every session the user may see, with what the plugin counted there (GET /api/plugins/contact-counter/counts/:sessionId). */
async function loadCounts(signal) {
  const { items } = await api.get('sessions/list', undefined, signal)
  return Promise.all(
    items.map(async (session) => {
      const counts = await api.get(`plugins/${pluginId}/counts/${encodeURIComponent(session.clientId)}`, undefined, signal)
      const contacts = Object.entries(counts.contacts)
        .map(([contact, count]) => ({ contact, count }))
        .sort((a, b) => b.count - a.count || a.contact.localeCompare(b.contact))
      return {
        clientId: session.clientId,
        name: session.name || session.clientId,
        enabled: counts.enabled,
        contacts,
        messages: contacts.reduce((sum, item) => sum + item.count, 0),
      }
    }),
  )
}

/** Counts change with every inbound message: refresh at most this often while messages arrive. */
const liveRefreshMs = 2000

export default defineComponent({
  name: 'ContactCounterOverview',
  setup() {
    const { t, n } = useI18n()
    const overview = useAsyncData(loadCounts)
    const chosenId = ref(null)

    const sessions = computed(() => overview.data.value ?? [])
    // The session chosen in the table, else the first one where counting is on, else the first.
    const selected = computed(
      () => sessions.value.find((session) => session.clientId === chosenId.value) ?? sessions.value.find((session) => session.enabled) ?? sessions.value[0] ?? null,
    )

    // The milestone in effect for the selected session (defaults, global settings, then the session's own).
    const settings = useAsyncData(
      (signal) => (selected.value ? api.get(`sessions/${encodeURIComponent(selected.value.clientId)}/plugins/${pluginId}`, undefined, signal) : Promise.resolve(null)),
      { immediate: false },
    )
    watch(() => selected.value?.clientId, () => void settings.reload(), { immediate: true })
    const milestone = computed(() => settings.data.value?.effectiveSettings?.milestone ?? null)

    // Live: the panel's socket tells of every inbound message the user may see.
    useTopic('messages')
    let timer
    useRealtimeEvent('message.received', () => {
      timer ??= setTimeout(() => {
        timer = undefined
        void overview.reload()
      }, liveRefreshMs)
    })
    onBeforeUnmount(() => clearTimeout(timer))

    const integer = (value) => n(value, 'integer')

    function sessionsTable() {
      return h(
        DataTable,
        {
          value: sessions.value,
          dataKey: 'clientId',
          size: 'small',
          selectionMode: 'single',
          metaKeySelection: false,
          selection: selected.value,
          'onUpdate:selection': (row) => {
            if (row) chosenId.value = row.clientId
          },
          'data-testid': 'contact-counter-sessions',
        },
        {
          default: () => [
            h(Column, { header: t(text('session')) }, {
              body: ({ data }) => h('span', { 'data-testid': `contact-counter-session-${data.clientId}` }, [data.name, ' ', h('span', { class: 'muted mono', dir: 'ltr' }, data.clientId === data.name ? '' : data.clientId)]),
            }),
            h(Column, { header: t(text('counting')) }, {
              body: ({ data }) => h(Tag, { value: data.enabled ? t(text('on')) : t(text('off')), severity: data.enabled ? 'success' : 'secondary' }),
            }),
            h(Column, { header: t(text('contactsCounted')) }, { body: ({ data }) => integer(data.contacts.length) }),
            h(Column, { header: t(text('messagesCounted')) }, { body: ({ data }) => integer(data.messages) }),
          ],
        },
      )
    }

    function contactsCard() {
      const session = selected.value
      if (!session) return null
      const reached = (count) => milestone.value !== null && count >= milestone.value
      return h('section', { class: 'panel-card', style: 'margin-block-start: 1rem', 'data-testid': 'contact-counter-contacts' }, [
        h('h2', { style: 'font-size: 1.1rem; margin: 0 0 0.25rem' }, t(text('contactsOf'), { session: session.name })),
        milestone.value !== null ? h('p', { class: 'muted', style: 'margin: 0 0 0.75rem' }, t(text('milestoneIs'), { count: integer(milestone.value) })) : null,
        session.contacts.length === 0
          ? h('p', { class: 'muted', 'data-testid': 'contact-counter-no-contacts' }, session.enabled ? t(text('noContacts')) : t(text('notEnabled')))
          : h(DataTable, { value: session.contacts, dataKey: 'contact', size: 'small', paginator: session.contacts.length > 20, rows: 20 }, {
              default: () => [
                h(Column, { header: t(text('contact')) }, { body: ({ data }) => h('span', { class: 'mono', dir: 'ltr' }, data.contact) }),
                h(Column, { header: t(text('messages')) }, { body: ({ data }) => h('span', { 'data-testid': 'contact-counter-count' }, integer(data.count)) }),
                h(Column, { header: t(text('milestone')) }, {
                  body: ({ data }) => (reached(data.count) ? h(Tag, { value: t(text('reached')), severity: 'success', icon: 'pi pi-flag' }) : null),
                }),
              ],
            }),
      ])
    }

    return () =>
      h('div', { class: 'contact-counter' }, [
        h(PageHeader, { title: t(text('title')), subtitle: t(text('subtitle')) }, {
          actions: () => h(Button, { label: t(text('refresh')), icon: 'pi pi-refresh', outlined: true, loading: overview.loading.value, onClick: () => overview.reload() }),
        }),
        h(
          DataState,
          {
            loading: overview.loading.value,
            error: overview.error.value,
            empty: sessions.value.length === 0,
            emptyText: t(text('noSessions')),
            emptyIcon: 'pi pi-mobile',
            onRetry: () => overview.reload(),
          },
          { default: () => [h('div', { class: 'panel-card' }, [sessionsTable()]), contactsCard()] },
        ),
      ])
  },
})
