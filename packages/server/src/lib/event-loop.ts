/**
 * One turn of the event loop. PGlite runs in this thread and its promises settle without I/O, so
 * long work on it (imports, the obligations scan, reminders) would starve every other request,
 * progress polls included, unless it yields between batches.
 */
export const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));
