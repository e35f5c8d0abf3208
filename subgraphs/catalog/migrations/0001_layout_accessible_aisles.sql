ALTER TABLE "catalog"."layout_seats" ADD COLUMN "accessible" boolean DEFAULT false NOT NULL;--> statement-breakpoint
ALTER TABLE "catalog"."layout_seats" ADD COLUMN "position" text;--> statement-breakpoint
ALTER TABLE "catalog"."layout_seats" ADD CONSTRAINT "layout_seats_position" CHECK (position in ('WINDOW', 'AISLE'));