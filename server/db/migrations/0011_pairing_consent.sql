ALTER TABLE "pairing_parties" ADD COLUMN "accepted_at" timestamp with time zone;--> statement-breakpoint
ALTER TABLE "pairing_parties" ADD COLUMN "accepted_by" text;--> statement-breakpoint
-- agreements recorded before consent was asked for were made by someone entitled for every side
UPDATE "pairing_parties" SET "accepted_at" = now();
