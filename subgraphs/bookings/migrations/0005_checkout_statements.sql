-- Checkout in two round trips around the charge (see src/db/bookings.ts,
-- openCheckout and confirmPaid). Each function, called outside a
-- transaction, is one statement whose locks, checks and writes commit
-- together; the locks follow the order every transition keeps (a hold,
-- then its booking, then the show's row through its version).

-- Claims the idempotency key (user, key) and opens the PENDING_PAYMENT
-- booking of the user's active hold, priced from the show's prices and the
-- layout's categories for the hold's legs. `outcome` says what happened:
--   opened       claimed and opened; the booking's columns are returned
--   replay       the key was claimed before: nothing written
--   expired      the hold is no longer active: the key records HOLD_EXPIRED
--   no_hold, forbidden (not the user's hold), in_checkout (the hold has a
--   booking already), no_show, cancelled: nothing written, the key stays free
CREATE FUNCTION "bookings"."open_checkout"(
  p_user_id uuid,
  p_key text,
  p_request_hash text,
  p_hold_id uuid,
  p_booking_id uuid,
  OUT outcome text,
  OUT show_id uuid,
  OUT from_stop integer,
  OUT to_stop integer,
  OUT total_amount integer,
  OUT currency text,
  OUT created_at timestamptz
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  h record;
  s record;
  v_from integer;
  v_to integer;
BEGIN
  -- The claim names its booking from the start: a repeat that takes over a
  -- claim whose process died (see 0006, leased_until) finds it.
  INSERT INTO bookings.checkouts (user_id, idempotency_key, request_hash, outcome, booking_id)
  VALUES (p_user_id, p_key, p_request_hash, 'PENDING', p_booking_id)
  ON CONFLICT DO NOTHING;
  IF NOT FOUND THEN
    outcome := 'replay';
    RETURN;
  END IF;
  SELECT ho.show_id, ho.user_id, ho.from_stop, ho.to_stop, ho.status, ho.expires_at INTO h
  FROM bookings.holds ho WHERE ho.id = p_hold_id FOR UPDATE;
  IF NOT FOUND THEN
    outcome := 'no_hold';
  ELSIF h.user_id <> p_user_id THEN
    outcome := 'forbidden';
  ELSIF h.status <> 'ACTIVE' OR h.expires_at <= now() THEN
    UPDATE bookings.checkouts c SET outcome = 'HOLD_EXPIRED', booking_id = NULL
    WHERE c.user_id = p_user_id AND c.idempotency_key = p_key;
    outcome := 'expired';
    RETURN;
  ELSIF EXISTS (SELECT 1 FROM bookings.bookings b WHERE b.hold_id = p_hold_id) THEN
    outcome := 'in_checkout';
  ELSE
    SELECT sh.kind, sh.leg_count, sh.layout_id, sh.status INTO s
    FROM bookings.shows sh WHERE sh.show_id = h.show_id;
    IF NOT FOUND THEN
      outcome := 'no_show';
    ELSIF s.status <> 'SCHEDULED' THEN
      outcome := 'cancelled';
    END IF;
  END IF;
  IF outcome IS NOT NULL THEN
    DELETE FROM bookings.checkouts c WHERE c.user_id = p_user_id AND c.idempotency_key = p_key;
    RETURN;
  END IF;
  -- The legs the hold recorded (see recordedLegs): a screening is [0, 1).
  IF s.kind = 'SCREENING' THEN
    v_from := 0;
    v_to := 1;
  ELSE
    v_from := coalesce(h.from_stop, 0);
    v_to := coalesce(h.to_stop, s.leg_count);
  END IF;
  -- A seat costs its category's price per leg times the legs (see priceForLegs);
  -- the currency is that of the first seat by code.
  SELECT coalesce(sum(coalesce(p.amount, 0) * (v_to - v_from)), 0)::integer,
         coalesce((array_agg(coalesce(p.currency, 'EUR') ORDER BY hs.seat_id))[1], 'EUR')
  INTO total_amount, currency
  FROM bookings.hold_seats hs
  JOIN bookings.layout_seats ls ON ls.layout_id = s.layout_id AND ls.seat_id = hs.seat_id
  LEFT JOIN bookings.show_prices p ON p.show_id = h.show_id AND p.category = ls.category
  WHERE hs.hold_id = p_hold_id;
  INSERT INTO bookings.bookings AS bo (id, hold_id, user_id, show_id, from_stop, to_stop, status, total_amount, currency)
  VALUES (p_booking_id, p_hold_id, p_user_id, h.show_id, h.from_stop, h.to_stop, 'PENDING_PAYMENT', total_amount, currency)
  RETURNING bo.created_at INTO created_at;
  show_id := h.show_id;
  from_stop := h.from_stop;
  to_stop := h.to_stop;
  outcome := 'opened';
END $$;
--> statement-breakpoint
-- A payment succeeded for a booking: when the booking is pending and its
-- hold still active, the hold becomes the booking's seats (CONVERTED), the
-- booking is CONFIRMED with the payment, the show's version is bumped and
-- BookingConfirmed recorded. When `p_key` is given, the user's checkout
-- under that key records BOOKED in the same statement. `outcome`:
--   confirmed    confirmed now, or it was already: the booking's columns
--   no_booking   no such booking: nothing written
--   other        pending with its hold ended, or expired or cancelled:
--                nothing written; the caller settles it in a transaction
--                (expiry, a late payment's refund)
CREATE FUNCTION "bookings"."confirm_paid"(
  p_booking_id uuid,
  p_payment_id uuid,
  p_user_id uuid,
  p_key text,
  OUT outcome text,
  OUT hold_id uuid,
  OUT user_id uuid,
  OUT show_id uuid,
  OUT from_stop integer,
  OUT to_stop integer,
  OUT status text,
  OUT total_amount integer,
  OUT currency text,
  OUT payment_id uuid,
  OUT created_at timestamptz
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  h record;
  b record;
  v_version bigint;
BEGIN
  SELECT bo.hold_id INTO hold_id FROM bookings.bookings bo WHERE bo.id = p_booking_id;
  IF NOT FOUND THEN
    outcome := 'no_booking';
    RETURN;
  END IF;
  SELECT ho.status, ho.expires_at INTO h FROM bookings.holds ho WHERE ho.id = hold_id FOR UPDATE;
  SELECT * INTO b FROM bookings.bookings bo WHERE bo.id = p_booking_id FOR UPDATE;
  IF b.status = 'PENDING_PAYMENT' AND h.status = 'ACTIVE' AND h.expires_at > now() THEN
    UPDATE bookings.holds ho SET status = 'CONVERTED' WHERE ho.id = hold_id;
    UPDATE bookings.bookings bo SET status = 'CONFIRMED', payment_id = coalesce(p_payment_id, bo.payment_id), updated_at = now()
    WHERE bo.id = p_booking_id
    RETURNING * INTO b;
    UPDATE bookings.shows sh SET version = sh.version + 1 WHERE sh.show_id = b.show_id
    RETURNING sh.version INTO v_version;
    INSERT INTO bookings.outbox (id, type, payload, occurred_at)
    VALUES (gen_random_uuid(), 'BookingConfirmed', jsonb_build_object(
      'bookingId', b.id, 'userId', b.user_id, 'showId', b.show_id, 'paymentId', b.payment_id,
      'total', jsonb_build_object('amount', b.total_amount, 'currency', b.currency),
      'seatIds', to_jsonb(ARRAY(SELECT hs.seat_id FROM bookings.hold_seats hs WHERE hs.hold_id = b.hold_id ORDER BY 1)),
      'fromStop', b.from_stop, 'toStop', b.to_stop, 'version', v_version), now());
  ELSIF b.status <> 'CONFIRMED' THEN
    outcome := 'other';
    RETURN;
  END IF;
  IF p_key IS NOT NULL THEN
    UPDATE bookings.checkouts c SET outcome = 'BOOKED', booking_id = p_booking_id
    WHERE c.user_id = p_user_id AND c.idempotency_key = p_key;
  END IF;
  user_id := b.user_id;
  show_id := b.show_id;
  from_stop := b.from_stop;
  to_stop := b.to_stop;
  status := b.status;
  total_amount := b.total_amount;
  currency := b.currency;
  payment_id := b.payment_id;
  created_at := b.created_at;
  outcome := 'confirmed';
END $$;
