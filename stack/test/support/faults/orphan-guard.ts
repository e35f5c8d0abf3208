/**
 * Preloaded into a part of the platform that a suite runs as a child
 * process (see child-part.ts). The suite holds the write end of the
 * child's stdin; when the suite's process goes away for any reason, even
 * killed, the pipe closes and the child exits at once instead of keeping
 * its port, its database connections and its NATS subscriptions.
 */
process.stdin.on('end', () => process.exit(1));
process.stdin.resume();
