import { BusTimeoutError, BusUnreachableError, type EventBus } from './types.js';

/**
 * A request for a job that asks again on its next pass: the reply, or
 * undefined when no responder took the request or none answered in time.
 * Any other failure is thrown.
 */
export async function requestIfAnswered<T>(
  bus: EventBus,
  subject: string,
  data: unknown,
  timeoutMs: number,
): Promise<T | undefined> {
  try {
    return await bus.request<T>(subject, data, timeoutMs);
  } catch (err) {
    if (err instanceof BusUnreachableError || err instanceof BusTimeoutError) return undefined;
    throw err;
  }
}
