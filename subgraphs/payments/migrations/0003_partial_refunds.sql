ALTER TABLE "payments"."refunds" DROP CONSTRAINT "refunds_payment_id_unique";--> statement-breakpoint
ALTER TABLE "payments"."refunds" ADD COLUMN "key" text DEFAULT 'full' NOT NULL;--> statement-breakpoint
CREATE UNIQUE INDEX "refunds_payment_key_idx" ON "payments"."refunds" USING btree ("payment_id","key");