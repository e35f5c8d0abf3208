ALTER TABLE "bookings"."checkouts" ADD COLUMN "leased_until" timestamp with time zone DEFAULT now() + interval '30 seconds' NOT NULL;
--> statement-breakpoint
-- A checkout's claim names the booking it opens from the start, so that a
-- repeat of the request that takes over a claim whose process died (its
-- lease, `leased_until`, ran out) finds that booking. Otherwise as in 0005.
CREATE OR REPLACE FUNCTION "bookings"."open_checkout"(
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
