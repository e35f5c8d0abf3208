/** Nothing yet: `undefined`, `null` or `false`. Any other value (0 and '' too) is an answer. */
type Pending = undefined | null | false;

/**
 * Polls `check` until it answers, and returns the answer: for what happens
 * after a commit (an event relayed, a projection updated).
 *
 * @example
 * const event = await waitFor(() => published.find((e) => e.id === id));
 * await waitFor(async () => (await rows()).length === 2);
 */
export async function waitFor<T>(
  check: () => T | Pending | Promise<T | Pending>,
  timeoutMs = 10_000,
  everyMs = 20,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check();
    if (value !== undefined && value !== null && value !== false) return value;
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
