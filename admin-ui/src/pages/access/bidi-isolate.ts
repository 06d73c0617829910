/**
 * Wraps text from users (a name, a title, an e-mail) put into a sentence of the other direction in
 * Unicode isolates (FSI … PDI), so "المفتاح «Shop bot»" keeps its quotes and word order.
 */
export function isolate(text: string): string {
  return `\u2068${text}\u2069`
}
