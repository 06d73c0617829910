import { ConfigError } from './config/load-config.ts'
import { createKernel, type Kernel } from './kernel/create-kernel.ts'
import { installPluginCrashGuard } from './plugins/plugin-crash-guard.ts'

/** `npm start`: run WaQtor until SIGTERM/SIGINT, then stop gracefully and exit 0. */
async function main(): Promise<void> {
  let kernel: Kernel
  try {
    kernel = createKernel()
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`)
      process.exit(1)
    }
    throw error
  }

  // An error a plugin lets escape fails that plugin, not the process (docs/plugins.md, Lifecycle).
  installPluginCrashGuard(kernel.plugins, kernel.logger, (error) => {
    kernel.logger.fatal({ err: error }, 'uncaught exception')
    process.exit(1)
  })

  let signalled = false
  const onSignal = (signal: NodeJS.Signals) => {
    if (signalled) {
      kernel.logger.warn({ signal }, 'second signal: exiting at once')
      process.exit(1)
    }
    signalled = true
    kernel.logger.info({ signal }, 'stopping')
    kernel.stop().then(
      () => process.exit(0),
      (error: unknown) => {
        kernel.logger.fatal({ err: error }, 'stop failed')
        process.exit(1)
      },
    )
  }
  process.on('SIGTERM', onSignal)
  process.on('SIGINT', onSignal)

  try {
    await kernel.start()
  } catch (error) {
    kernel.logger.fatal({ err: error }, 'WaQtor could not start')
    process.exit(1)
  }

  const admin = kernel.seededAdmin
  if (admin?.generatedPassword) {
    // Shown once, on the terminal only: it is never logged or stored in clear.
    process.stdout.write(
      [
        '',
        '  WaQtor created the first admin account. Save this password now; it will not be shown again.',
        `    e-mail:   ${admin.email}`,
        `    password: ${admin.generatedPassword}`,
        '  Set WAQTOR_ADMIN_EMAIL and WAQTOR_ADMIN_PASSWORD before the first start to choose them yourself.',
        '',
        '',
      ].join('\n'),
    )
  }
  process.stdout.write(`  WaQtor is running on ${kernel.url} (API docs: ${kernel.url}/docs)\n`)
}

await main()
