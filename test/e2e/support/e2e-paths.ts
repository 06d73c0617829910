import path from 'node:path'
import { fileURLToPath } from 'node:url'

export const repoDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../..')

/** The example plugin whose admin module the kernel serves at run time (no panel rebuild). */
export const contactCounterDir = path.join(repoDir, 'examples', 'plugins', 'contact-counter')

/** Where screenshots are saved as test artifacts (gitignored). */
export const screenshotsDir = path.join(repoDir, 'test-artifacts', 'screenshots')
