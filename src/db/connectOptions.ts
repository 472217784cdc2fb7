/**
 * How the bot's processes connect (mongoose.connect), on the main thread and on the processing thread (a module of
 * its own: the processing thread must not load the database starter, whose dev-server thread module starts a
 * server when loaded on a worker thread).
 *
 * Operations fail after 5 s without a reachable server (instead of 30 s): the webhook answers 503 and the workers
 * retry, rather than piling up. No buffering in mongoose: after a lost connection mongoose buffered every
 * operation until it saw the connection come back, and sometimes it did not see it while the driver had
 * reconnected (a fault-load run: the database back after 1.5 s, the bot still answering 503 after 30 s;
 * Automattic/mongoose#14971). The driver's own server selection waits for the server instead.
 *
 * A connection attempt (TCP and the driver's handshake) is given up after 10 s instead of the driver's 30 s, so a
 * hanging attempt holds the server's selection no longer than that. It did not by itself end the fault-load run's
 * rare failure (the bot answering 503 for 30 s after a kill -9 of the database, no connection loss reported); the
 * inbox's write deadline (src/inbox/inbox.ts) is the other defence. Neither is proven to be the cause.
 */
export const DATABASE_OPTIONS = { serverSelectionTimeoutMS: 5000, connectTimeoutMS: 10_000, bufferCommands: false } as const;
