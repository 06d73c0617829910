/** `promise`, or an error saying what never happened once `ms` have passed. */
export async function within<T>(promise: Promise<T>, ms: number, whatNeverHappened: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(whatNeverHappened)), ms)))
  try {
    return await Promise.race([promise, timeout])
  } finally {
    clearTimeout(timer)
  }
}
