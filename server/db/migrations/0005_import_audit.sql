CREATE TABLE "audit_checkpoints" (
	"id" integer PRIMARY KEY NOT NULL,
	"seq" bigint NOT NULL,
	"head" text NOT NULL,
	"keyed_from" bigint NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"mac" text NOT NULL
);
