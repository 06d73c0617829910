/** The phases of the product plan on the About page; texts are under `about.phases.<key>`. */
export interface RoadmapPhase {
  key: string
  icon: string
  /** Shipped in the latest release: shows the "New" tag. */
  isNew?: boolean
}

export const finishedPhases: RoadmapPhase[] = [
  { key: 'kernel', icon: 'pi pi-box' },
  { key: 'sessions', icon: 'pi pi-mobile' },
  { key: 'realtime', icon: 'pi pi-bolt' },
  { key: 'webhooks', icon: 'pi pi-send' },
  { key: 'adminPanel', icon: 'pi pi-desktop', isNew: true },
  { key: 'realtimeMonitor', icon: 'pi pi-chart-line', isNew: true },
]

export const upcomingPhases: RoadmapPhase[] = [
  { key: 'smartbot', icon: 'pi pi-comments' },
  { key: 'realEstate', icon: 'pi pi-building' },
  { key: 'gdpr', icon: 'pi pi-shield' },
  { key: 'campaigns', icon: 'pi pi-megaphone' },
  { key: 'sdks', icon: 'pi pi-code' },
  { key: 'cluster', icon: 'pi pi-server' },
]

/** The "what it does" list, texts under `about.what.<key>`. */
export const capabilities = [
  { key: 'sessions', icon: 'pi pi-qrcode' },
  { key: 'messages', icon: 'pi pi-comment' },
  { key: 'realtime', icon: 'pi pi-bolt' },
  { key: 'access', icon: 'pi pi-users' },
  { key: 'plugins', icon: 'pi pi-th-large' },
  { key: 'selfHosted', icon: 'pi pi-server' },
] as const
