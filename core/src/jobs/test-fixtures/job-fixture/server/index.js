// Jobs the tests drive through this plugin's routes. Every run is recorded with the time the
// kernel clock showed and the node that held the job's lease.
const untilAborted = (signal) =>
  new Promise((_resolve, reject) => {
    if (signal.aborted) reject(signal.reason)
    signal.addEventListener('abort', () => reject(signal.reason), { once: true })
  })

export default {
  register(plugin) {
    const runs = []
    const record = ({ payload, attempt, job }) => runs.push({ id: job.id, name: job.name, payload, attempt, at: plugin.clock.now(), node: job.leaseOwner })

    plugin.jobs.define('record', async (run) => record(run), { concurrency: 4 })
    plugin.jobs.define('flaky', async (run) => {
      record(run)
      if (run.attempt <= run.payload.failTimes) throw new Error(`failure number ${run.attempt}`)
    }, { retries: 3, backoff: { baseMs: 1000, maxMs: 60_000 } })
    plugin.jobs.define('tick', async (run) => record(run))
    // Holds its job until the kernel stops: with WAQTOR_JOB_FIXTURE_BLOCK=1 (a child process the test kills).
    plugin.jobs.define('block', async (run) => {
      if (process.env.WAQTOR_JOB_FIXTURE_BLOCK !== '1') return record(run)
      process.stdout.write(`JOB_STARTED ${run.job.id} ${run.attempt}\n`)
      await untilAborted(run.signal)
    })
    // Sleeps on the kernel clock; the kernel stopping aborts the sleep.
    plugin.jobs.define('hold', async (run) => {
      record(run)
      await plugin.clock.sleep(run.payload.holdMs, run.signal)
    })

    const answer = async (ctx, work) => {
      try {
        ctx.body = await work()
      } catch (error) {
        ctx.status = 400
        ctx.body = { error: { code: error.code ?? 'ERROR', message: error.message, details: error.details ?? null } }
      }
    }
    plugin.router.post('/enqueue', (ctx) => {
      const { name, payload, options } = ctx.request.body
      return answer(ctx, () => plugin.jobs.enqueue(name, payload, options))
    })
    plugin.router.post('/schedule', (ctx) => {
      const { name, cron, payload, options } = ctx.request.body
      return answer(ctx, () => plugin.jobs.schedule(name, cron, payload, options))
    })
    plugin.router.post('/cancel', (ctx) => answer(ctx, async () => ({ cancelled: await plugin.jobs.cancel(ctx.request.body.key) })))
    plugin.router.get('/runs', (ctx) => {
      ctx.body = { runs }
    })
  },
}
