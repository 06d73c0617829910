/** One hour of GET /api/stats/messages: messages sent, received and failed (failed are also counted in sent). */
export interface HourBucket {
  /** Start of the hour, ISO 8601 UTC. */
  hour: string
  sent: number
  received: number
  failed: number
}

export interface MessagesPerHour {
  from: string
  to: string
  buckets: HourBucket[]
}
