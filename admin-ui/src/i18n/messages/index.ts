import { mergeTrees, type LocalizedMessages, type MessageTree } from '../message-tree.ts'

// Every feature keeps its strings in its own file here: `export default { en: {...}, ar: {...} }`.
const files = import.meta.glob<LocalizedMessages>(['./*.ts', '!./index.ts', '!./*.test.ts'], { eager: true, import: 'default' })

export const featureMessages: Record<string, LocalizedMessages> = Object.fromEntries(
  Object.entries(files).map(([file, messages]) => [file.replace(/^\.\/|\.ts$/g, ''), messages]),
)

export function allMessages(): { en: MessageTree; ar: MessageTree } {
  const merged = { en: {} as MessageTree, ar: {} as MessageTree }
  for (const messages of Object.values(featureMessages)) {
    mergeTrees(merged.en, messages.en)
    mergeTrees(merged.ar, messages.ar)
  }
  return merged
}
