/** The queues calls. */
export const queuesCalls = {};
