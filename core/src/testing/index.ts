export { ManualClock } from '../clock/index.ts'
export { createTestKernel, type TestKernel, type TestKernelOptions, type TestResponse, type RequestOptions } from './create-test-kernel.ts'
export type { WaitForReplyOptions } from './reply-watch.ts'
