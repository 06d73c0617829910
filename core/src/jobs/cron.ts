import { Cron } from 'croner'
import { PluginError } from '../plugins/plugin-error.ts'

/** A parsed cron expression (5 fields, or 6 with seconds first) read in an IANA time zone (UTC by default). */
export class CronSchedule {
  private readonly cron: Cron

  constructor(
    readonly expression: string,
    readonly timezone: string | null,
  ) {
    this.cron = new Cron(expression, { timezone: timezone ?? 'Etc/UTC', mode: '5-or-6-parts' })
  }

  /** The first occurrence strictly after `after` (epoch ms); null when the expression has none left. */
  nextAfter(after: number): number | null {
    return this.cron.nextRun(new Date(after))?.getTime() ?? null
  }
}

/** Parses a plugin's cron expression and time zone, or throws `JOB_CRON_INVALID` naming what is wrong. */
export function parseCron(pluginId: string, expression: string, timezone: string | null): CronSchedule {
  try {
    if (timezone !== null) new Intl.DateTimeFormat('en', { timeZone: timezone })
  } catch {
    throw new PluginError('JOB_CRON_INVALID', pluginId, `timezone "${timezone}" is not an IANA time zone (e.g. "Asia/Riyadh")`, { field: 'timezone' })
  }
  try {
    return new CronSchedule(expression, timezone)
  } catch (error) {
    throw new PluginError('JOB_CRON_INVALID', pluginId, `cron expression "${expression}" is invalid: ${(error as Error).message}`, { field: 'cron' })
  }
}
