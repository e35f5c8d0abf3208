-- A hold in one round trip (see src/db/holds.ts, placeHold). Called outside
-- a transaction it is one statement: its locks, checks and writes commit
-- together, and the show's row lock (taken by the version bump, last) is
-- held only until that commit.

-- The transaction-level advisory locks of a hold: one per seat of the show,
-- plus the user's own key, which serialises one user's concurrent holds on
-- the show so that the per-user limit cannot be overrun. Taken in ascending
-- key order, so holds over shared seats queue instead of deadlocking; a wait
-- for a lock is limited to 5 s for the rest of the transaction (55P03, which
-- the hold answers as SEATS_UNAVAILABLE).
CREATE FUNCTION "bookings"."lock_hold_keys"(p_show_id uuid, p_user_id uuid, p_seat_ids text[])
RETURNS void
LANGUAGE plpgsql AS $$
DECLARE
  k bigint;
BEGIN
  PERFORM set_config('lock_timeout', '5s', true);
  FOR k IN
    SELECT DISTINCT hashtextextended(p_show_id::text || '/' || key, 0)
    FROM unnest(p_seat_ids || ('user:' || p_user_id::text)) AS key
    ORDER BY 1
  LOOP
    PERFORM pg_advisory_xact_lock(k);
  END LOOP;
END $$;
--> statement-breakpoint
-- Takes the hold's locks, then checks inside them (each statement of a
-- volatile function reads what committed before it started, so what the
-- previous holder of a lock wrote is seen) and, when nothing refuses it,
-- writes the hold, its seats, the show's next version and SeatsHeld (the
-- payload given, with that version). `outcome` says which:
--   held           written; `version` is the show's new version
--   no_show        the show is not known here
--   cancelled      the show was cancelled
--   started        the show has started
--   legs           the stops do not fit the show (`kind`, `leg_count` say why)
--   unknown_seats  `unknown_seats` are not in the show's layout
--   lapsed         active holds on the seats ran out and the sweeper has not
--                  expired them yet: nothing written; the caller expires them
--                  and calls again in one transaction
--   limit          the user has `active_holds` active holds on the show
--   taken          `taken_seats` are held or booked on overlapping legs
-- The exclusion constraint on hold_seats stays beneath all of this. SB001:
-- the show was cancelled between the check and the version bump.
--
-- Seats are looked up one by one (a lateral subquery per requested seat),
-- so the exclusion constraint's index finds each by show, seat and legs
-- whatever the planner's statistics say: a scan of every hold of the show
-- would make each hold slower as the show sells.
--
-- Lock keys are hashtextextended of '<show>/<seat>' and '<show>/user:<user>';
-- instances from before this migration hashed them otherwise, so while both
-- run, the exclusion constraint alone keeps their holds of one seat apart.
CREATE FUNCTION "bookings"."place_hold"(
  p_hold_id uuid,
  p_show_id uuid,
  p_user_id uuid,
  p_seat_ids text[],
  p_from_stop integer,
  p_to_stop integer,
  p_expires_at timestamptz,
  p_max_active integer,
  p_event jsonb,
  OUT outcome text,
  OUT kind text,
  OUT leg_count integer,
  OUT unknown_seats text[],
  OUT active_holds integer,
  OUT taken_seats text[],
  OUT version bigint
)
LANGUAGE plpgsql AS $$
#variable_conflict use_column
DECLARE
  s record;
  v_from integer;
  v_to integer;
BEGIN
  PERFORM bookings.lock_hold_keys(p_show_id, p_user_id, p_seat_ids);
  SELECT sh.kind, sh.leg_count, sh.layout_id, sh.status, sh.starts_at INTO s
  FROM bookings.shows sh WHERE sh.show_id = p_show_id;
  IF NOT FOUND THEN
    outcome := 'no_show';
    RETURN;
  END IF;
  kind := s.kind;
  leg_count := s.leg_count;
  IF s.status <> 'SCHEDULED' THEN
    outcome := 'cancelled';
    RETURN;
  END IF;
  IF s.starts_at <= now() THEN
    outcome := 'started';
    RETURN;
  END IF;
  -- A screening is the single leg [0, 1) and names no stops; a trip names both.
  IF s.kind = 'SCREENING' AND p_from_stop IS NULL AND p_to_stop IS NULL THEN
    v_from := 0;
    v_to := 1;
  ELSIF s.kind = 'TRIP' AND p_from_stop >= 0 AND p_to_stop > p_from_stop AND p_to_stop <= s.leg_count THEN
    v_from := p_from_stop;
    v_to := p_to_stop;
  ELSE
    outcome := 'legs';
    RETURN;
  END IF;
  unknown_seats := ARRAY(
    SELECT requested.seat FROM unnest(p_seat_ids) AS requested(seat)
    WHERE NOT EXISTS (SELECT 1 FROM bookings.layout_seats ls
                      WHERE ls.layout_id = s.layout_id AND ls.seat_id = requested.seat));
  IF cardinality(unknown_seats) > 0 THEN
    outcome := 'unknown_seats';
    RETURN;
  END IF;
  IF EXISTS (SELECT 1 FROM unnest(p_seat_ids) AS requested(seat)
             CROSS JOIN LATERAL (
               SELECT 1 FROM bookings.hold_seats hs JOIN bookings.holds h ON h.id = hs.hold_id
               WHERE hs.show_id = p_show_id AND hs.seat_id = requested.seat AND hs.active
                 AND h.status = 'ACTIVE' AND h.expires_at <= now()
               LIMIT 1) AS lapsed) THEN
    outcome := 'lapsed';
    RETURN;
  END IF;
  SELECT count(*) INTO active_holds FROM bookings.holds h
  WHERE h.user_id = p_user_id AND h.show_id = p_show_id AND h.status = 'ACTIVE' AND h.expires_at > now();
  IF active_holds >= p_max_active THEN
    outcome := 'limit';
    RETURN;
  END IF;
  taken_seats := ARRAY(
    SELECT requested.seat FROM unnest(p_seat_ids) AS requested(seat)
    CROSS JOIN LATERAL (
      SELECT 1 FROM bookings.hold_seats hs
      WHERE hs.show_id = p_show_id AND hs.seat_id = requested.seat AND hs.active
        AND hs.legs && int4range(v_from, v_to)
      LIMIT 1) AS taken
    ORDER BY 1);
  IF cardinality(taken_seats) > 0 THEN
    outcome := 'taken';
    RETURN;
  END IF;
  INSERT INTO bookings.holds (id, show_id, user_id, from_stop, to_stop, status, expires_at)
  VALUES (p_hold_id, p_show_id, p_user_id, p_from_stop, p_to_stop, 'ACTIVE', p_expires_at);
  INSERT INTO bookings.hold_seats (hold_id, show_id, seat_id, legs)
  SELECT p_hold_id, p_show_id, seat, int4range(v_from, v_to) FROM unnest(p_seat_ids) AS seat;
  UPDATE bookings.shows sh SET version = sh.version + 1
  WHERE sh.show_id = p_show_id AND sh.status = 'SCHEDULED'
  RETURNING sh.version INTO version;
  IF NOT FOUND THEN
    RAISE EXCEPTION 'the show was cancelled' USING ERRCODE = 'SB001';
  END IF;
  INSERT INTO bookings.outbox (id, type, payload, occurred_at)
  VALUES (gen_random_uuid(), 'SeatsHeld', p_event || jsonb_build_object('version', version), now());
  outcome := 'held';
END $$;
