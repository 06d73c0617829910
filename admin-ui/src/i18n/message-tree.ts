export interface MessageTree {
  [key: string]: string | MessageTree
}

/** Messages of one feature in every supported language. */
export interface LocalizedMessages {
  en: MessageTree
  ar: MessageTree
}

export function mergeTrees(target: MessageTree, source: MessageTree): MessageTree {
  for (const [key, value] of Object.entries(source)) {
    const existing = target[key]
    target[key] = typeof value === 'object' && typeof existing === 'object' ? mergeTrees({ ...existing }, value) : value
  }
  return target
}

/** Dotted keys of every string in a tree. */
export function flattenKeys(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) => (typeof value === 'string' ? [`${prefix}${key}`] : flattenKeys(value, `${prefix}${key}.`)))
}
