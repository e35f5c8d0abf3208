ALTER TABLE "bookings"."checkouts" ADD COLUMN "leased_until" timestamp with time zone DEFAULT now() + interval '30 seconds' NOT NULL;
