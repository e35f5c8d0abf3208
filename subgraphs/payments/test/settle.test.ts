import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from '@seats/platform';
import { modes, waitFor } from '@seats/testkit';
import { chargeRequest, PaymentsFixture } from './support/payments.js';

describe.each(modes)('settling asynchronous charges with several instances (%s)', (mode) => {
  let payments: PaymentsFixture;

  beforeAll(async () => {
    payments = await PaymentsFixture.start(mode, 3);
  });
  afterAll(() => payments?.dispose());

  it('settles every intent exactly once when three instances share one database', async () => {
    const replies = await Promise.all(
      Array.from({ length: 40 }, () => payments.charge(chargeRequest({ token: 'tok_slow' }))),
    );
    const ids = replies.map((r) => (r.ok ? r.paymentId : r.error));
    expect(new Set(ids).size).toBe(40);
    await waitFor(async () => {
      const [row] = await payments.query<{ n: number }>(
        sql`select count(*)::int as n from payments.payment_intents where status = 'PROCESSING'`,
      );
      return row?.n === 0;
    }, 5000);
    // Let any straggling worker pass finish before counting.
    await new Promise((resolve) => setTimeout(resolve, 500));
    const rows = await payments.query<{ payment_id: string; n: number }>(
      sql`select payload->>'paymentId' as payment_id, count(*)::int as n from payments.outbox
          where type = 'PaymentSucceeded' group by 1`,
    );
    expect(rows).toHaveLength(40);
    expect(rows.every((row) => row.n === 1)).toBe(true);
    await waitFor(async () => payments.published.filter((e) => e.type === 'PaymentSucceeded').length === 40);
  });
});
