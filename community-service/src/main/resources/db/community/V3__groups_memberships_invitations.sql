-- Organizations own community groups; the seed (community/seed.yml) and org admins create them.
CREATE TABLE organization (
    id         UUID PRIMARY KEY,
    slug       TEXT        NOT NULL UNIQUE,
    name       TEXT        NOT NULL,
    -- The account (tenant) that runs the organization.
    account_id TEXT        NOT NULL,
    created_at TIMESTAMPTZ NOT NULL DEFAULT now()
);

-- Who may create, update and archive the organization's groups: a user of one account.
CREATE TABLE organization_admin (
    organization_id UUID        NOT NULL REFERENCES organization (id),
    account_id      TEXT        NOT NULL,
    user_id         TEXT        NOT NULL,
    granted_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    PRIMARY KEY (organization_id, account_id, user_id)
);

CREATE TABLE community_group (
    id              UUID PRIMARY KEY,
    organization_id UUID        NOT NULL REFERENCES organization (id),
    slug            TEXT        NOT NULL,
    name            TEXT        NOT NULL,
    industry        TEXT        NOT NULL,
    description     TEXT        NOT NULL DEFAULT '',
    -- public: listed to everyone and joinable with community access; private: members and org admins only, by invitation.
    visibility      TEXT        NOT NULL CHECK (visibility IN ('public', 'private')),
    -- Whether plain members (not only group admins) may invite.
    members_can_invite BOOLEAN  NOT NULL DEFAULT false,
    -- The user who created it (the seed's admin for seeded groups); admins are group_member rows with role 'admin'.
    owner_account_id TEXT       NOT NULL,
    owner_user_id   TEXT        NOT NULL,
    -- Active (not suspended) memberships; changed only in the transaction that changes a membership,
    -- under this row's lock, so it stays exact under concurrent joins and leaves.
    member_count    INT         NOT NULL DEFAULT 0 CHECK (member_count >= 0),
    -- Lower-case, accent-free name and description (java.text.Normalizer), so "construccion" finds
    -- "Construcción" without depending on PostgreSQL's unaccent extension being installed.
    search_text     TEXT        NOT NULL,
    sort_name       TEXT        NOT NULL,
    archived_at     TIMESTAMPTZ,
    created_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    updated_at      TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (organization_id, slug)
);
CREATE INDEX community_group_by_members ON community_group (member_count DESC, sort_name, id) WHERE archived_at IS NULL;
CREATE INDEX community_group_by_name ON community_group (sort_name, id) WHERE archived_at IS NULL;

-- A user's membership of a group. A user is identified by (account_id, user_id): the same user id
-- in another account is another person. Suspended memberships (the account lost community access)
-- are kept, hidden and not counted, and become active again when access returns.
CREATE TABLE group_member (
    id         UUID PRIMARY KEY,
    group_id   UUID        NOT NULL REFERENCES community_group (id),
    account_id TEXT        NOT NULL,
    user_id    TEXT        NOT NULL,
    email      TEXT,
    role       TEXT        NOT NULL CHECK (role IN ('member', 'admin')),
    status     TEXT        NOT NULL CHECK (status IN ('active', 'suspended')),
    joined_at  TIMESTAMPTZ NOT NULL DEFAULT now(),
    UNIQUE (group_id, account_id, user_id)
);
CREATE INDEX group_member_by_user ON group_member (account_id, user_id);

-- An invitation by e-mail. Only the SHA-256 of its token is kept: the token itself exists in the
-- invitee's mail (and, sealed, in the event that asks notification-service to send it).
CREATE TABLE invitation (
    id                 UUID PRIMARY KEY,
    group_id           UUID        NOT NULL REFERENCES community_group (id),
    email              TEXT        NOT NULL,
    invited_by_account TEXT        NOT NULL,
    invited_by_user    TEXT        NOT NULL,
    token_hash         BYTEA       NOT NULL UNIQUE,
    status             TEXT        NOT NULL CHECK (status IN ('pending', 'accepted', 'declined', 'expired')),
    created_at         TIMESTAMPTZ NOT NULL DEFAULT now(),
    sent_at            TIMESTAMPTZ NOT NULL DEFAULT now(),
    expires_at         TIMESTAMPTZ NOT NULL,
    responded_at       TIMESTAMPTZ,
    responded_by_account TEXT,
    responded_by_user  TEXT
);
-- Re-inviting a pending address refreshes its one pending invitation.
CREATE UNIQUE INDEX invitation_one_pending ON invitation (group_id, email) WHERE status = 'pending';
CREATE INDEX invitation_expiring ON invitation (expires_at) WHERE status = 'pending';

-- Every administrative action (group created, updated, archived; member promoted, removed; seed applied).
CREATE TABLE community_audit (
    id           BIGSERIAL PRIMARY KEY,
    at           TIMESTAMPTZ NOT NULL DEFAULT now(),
    actor_account TEXT       NOT NULL,
    actor_user   TEXT        NOT NULL,
    action       TEXT        NOT NULL,
    group_id     UUID,
    subject      TEXT,
    details      TEXT
);
CREATE INDEX community_audit_by_group ON community_audit (group_id, id);
