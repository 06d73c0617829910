import { defineEvent } from '@waqtor/core'

/** The event name of test deliveries; sent only to the subscription being tested, never on the bus. */
export const webhookTestSent = defineEvent<{ subscriptionId: string; message: string }>('webhooks.test.sent')
