-- The schema Invitations.EntityFrameworkCore 0.1.0 created on SQLite (EnsureCreated of its model, commit 6fd60df^):
-- the invitation and outbox tables (SQLite keeps no widths), no invitation_bulk_runs, no version table.
CREATE TABLE "invitation_outbox" (
    "id" TEXT NOT NULL CONSTRAINT "pk_invitation_outbox" PRIMARY KEY,
    "invitation_id" TEXT NOT NULL,
    "kind" INTEGER NOT NULL,
    "sequence" INTEGER NOT NULL,
    "payload" TEXT NULL,
    "status" INTEGER NOT NULL,
    "created_at" INTEGER NOT NULL,
    "due_at" INTEGER NOT NULL,
    "attempts" INTEGER NOT NULL,
    "lease_owner" TEXT NULL,
    "lease_expires_at" INTEGER NULL,
    "last_error" TEXT NULL,
    "completed_at" INTEGER NULL
);

CREATE TABLE "invitations" (
    "id" TEXT NOT NULL CONSTRAINT "pk_invitations" PRIMARY KEY,
    "version" INTEGER NOT NULL,
    "state" INTEGER NOT NULL,
    "channel" INTEGER NOT NULL,
    "email" TEXT NULL,
    "mobile_number" TEXT NULL,
    "delivery_address" TEXT NOT NULL,
    "recipient_key" TEXT NOT NULL,
    "pending_recipient_key" TEXT NULL,
    "given_name" TEXT NULL,
    "family_name" TEXT NULL,
    "groups" TEXT NOT NULL,
    "roles" TEXT NOT NULL,
    "custom_fields" TEXT NOT NULL,
    "organization_id" TEXT NULL,
    "invited_by_id" TEXT NOT NULL,
    "invited_by_name" TEXT NULL,
    "client_id" TEXT NULL,
    "redirect_link" TEXT NULL,
    "link_target" TEXT NOT NULL,
    "template_key" TEXT NOT NULL,
    "locale" TEXT NULL,
    "time_zone" TEXT NULL,
    "allow_same_email_only" INTEGER NOT NULL,
    "branding" TEXT NULL,
    "token_hash" BLOB NULL,
    "created_at" INTEGER NOT NULL,
    "updated_at" INTEGER NOT NULL,
    "expires_at" INTEGER NOT NULL,
    "send_count" INTEGER NOT NULL,
    "resend_count" INTEGER NOT NULL,
    "last_sent_at" INTEGER NULL,
    "closed_at" INTEGER NULL,
    "accepted_subject_id" TEXT NULL,
    "idempotency_key" TEXT NULL,
    "idempotency_fingerprint" TEXT NULL,
    "fact_sequence" INTEGER NOT NULL
);

CREATE UNIQUE INDEX "ix_invitation_outbox_invitation_kind_sequence" ON "invitation_outbox" ("invitation_id", "kind", "sequence");

CREATE INDEX "ix_invitation_outbox_status_completed_at" ON "invitation_outbox" ("status", "completed_at");

CREATE INDEX "ix_invitation_outbox_status_due_at" ON "invitation_outbox" ("status", "due_at");

CREATE INDEX "ix_invitations_created_at_id" ON "invitations" ("created_at", "id");

CREATE INDEX "ix_invitations_email_created_at_id" ON "invitations" ("email", "created_at", "id");

CREATE UNIQUE INDEX "ix_invitations_idempotency_key" ON "invitations" ("idempotency_key");

CREATE INDEX "ix_invitations_invited_by_id_created_at_id" ON "invitations" ("invited_by_id", "created_at", "id");

CREATE INDEX "ix_invitations_organization_id_created_at_id" ON "invitations" ("organization_id", "created_at", "id");

CREATE UNIQUE INDEX "ix_invitations_pending_recipient_key" ON "invitations" ("pending_recipient_key");

CREATE INDEX "ix_invitations_state_expires_at" ON "invitations" ("state", "expires_at");

CREATE UNIQUE INDEX "ix_invitations_token_hash" ON "invitations" ("token_hash");
