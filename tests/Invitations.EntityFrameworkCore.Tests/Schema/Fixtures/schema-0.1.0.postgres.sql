-- The schema Invitations.EntityFrameworkCore 0.1.0 created on PostgreSQL (EnsureCreated of its model, commit 6fd60df^):
-- the invitation and outbox tables, column widths before FieldLimits, no invitation_bulk_runs, no version table.
CREATE TABLE invitation_outbox (
    id uuid NOT NULL,
    invitation_id uuid NOT NULL,
    kind integer NOT NULL,
    sequence bigint NOT NULL,
    payload text,
    status integer NOT NULL,
    created_at bigint NOT NULL,
    due_at bigint NOT NULL,
    attempts integer NOT NULL,
    lease_owner character varying(200),
    lease_expires_at bigint,
    last_error text,
    completed_at bigint,
    CONSTRAINT pk_invitation_outbox PRIMARY KEY (id)
);

CREATE TABLE invitations (
    id uuid NOT NULL,
    version bigint NOT NULL,
    state integer NOT NULL,
    channel integer NOT NULL,
    email character varying(320),
    mobile_number character varying(32),
    delivery_address character varying(320) NOT NULL,
    recipient_key character varying(600) NOT NULL,
    pending_recipient_key character varying(600),
    given_name text,
    family_name text,
    groups text NOT NULL,
    roles text NOT NULL,
    custom_fields text NOT NULL,
    organization_id character varying(200),
    invited_by_id character varying(200) NOT NULL,
    invited_by_name text,
    client_id character varying(200),
    redirect_link text,
    link_target text NOT NULL,
    template_key character varying(200) NOT NULL,
    locale character varying(50),
    time_zone character varying(100),
    allow_same_email_only boolean NOT NULL,
    branding text,
    token_hash bytea,
    created_at bigint NOT NULL,
    updated_at bigint NOT NULL,
    expires_at bigint NOT NULL,
    send_count integer NOT NULL,
    resend_count integer NOT NULL,
    last_sent_at bigint,
    closed_at bigint,
    accepted_subject_id text,
    idempotency_key character varying(500),
    idempotency_fingerprint text,
    fact_sequence bigint NOT NULL,
    CONSTRAINT pk_invitations PRIMARY KEY (id)
);

CREATE UNIQUE INDEX ix_invitation_outbox_invitation_kind_sequence ON invitation_outbox (invitation_id, kind, sequence);

CREATE INDEX ix_invitation_outbox_status_completed_at ON invitation_outbox (status, completed_at);

CREATE INDEX ix_invitation_outbox_status_due_at ON invitation_outbox (status, due_at);

CREATE INDEX ix_invitations_created_at_id ON invitations (created_at, id);

CREATE INDEX ix_invitations_email_created_at_id ON invitations (email, created_at, id);

CREATE UNIQUE INDEX ix_invitations_idempotency_key ON invitations (idempotency_key);

CREATE INDEX ix_invitations_invited_by_id_created_at_id ON invitations (invited_by_id, created_at, id);

CREATE INDEX ix_invitations_organization_id_created_at_id ON invitations (organization_id, created_at, id);

CREATE UNIQUE INDEX ix_invitations_pending_recipient_key ON invitations (pending_recipient_key);

CREATE INDEX ix_invitations_state_expires_at ON invitations (state, expires_at);

CREATE UNIQUE INDEX ix_invitations_token_hash ON invitations (token_hash);
