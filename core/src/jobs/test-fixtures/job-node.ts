// A kernel node in a child process for the jobs tests: it loads the job fixture plugin, enqueues
// one `block` job and prints its node id. With WAQTOR_JOB_FIXTURE_BLOCK=1 the job holds its lease
// until the process dies; the test kills it with SIGKILL.
import { createKernel } from '../../kernel/create-kernel.ts'

const kernel = createKernel()
await kernel.start()
const job = await kernel.jobs.enqueue('job-fixture', 'block', { from: 'child' })
process.stdout.write(`NODE_READY ${kernel.jobs.nodeId} ${job.id}\n`)
