package dev.tollgate.community.invitation;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.community.CommunitySettings;
import dev.tollgate.community.entitlement.CommunityAccessGate;
import dev.tollgate.community.group.Group;
import dev.tollgate.community.group.Groups;
import dev.tollgate.community.membership.Memberships;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/** Invitations by e-mail: invite (or refresh), accept, decline, and expiry of the unanswered ones. */
@Service
class Invitations {

    private static final Pattern EMAIL = Pattern.compile("[^@\\s]{1,64}@[^@\\s]+\\.[^@\\s]{2,}");
    private static final int EXPIRY_BATCH = 100;

    private final JdbcClient jdbc;
    private final Groups groups;
    private final Memberships memberships;
    private final CommunityAccessGate gate;
    private final InvitationTokens tokens;
    private final CommunitySettings settings;
    private final ApplicationEventPublisher events;
    private final Clock clock = Clock.systemUTC();

    Invitations(JdbcClient jdbc, Groups groups, Memberships memberships, CommunityAccessGate gate, InvitationTokens tokens,
            CommunitySettings settings, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.memberships = memberships;
        this.gate = gate;
        this.tokens = tokens;
        this.settings = settings;
        this.events = events;
    }

    /**
     * Invites {@code email} to the group: a new invitation, or, when one is pending for that address,
     * the same invitation with a new token and expiry (the old link stops working).
     */
    @Transactional
    public Sent invite(CallerIdentity caller, UUID groupId, String email) {
        Group group = groups.lock(groupId);
        if (group.archived()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Group archived", "Group '" + group.slug() + "' is archived; it takes no invitations.");
        }
        String address = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(address).matches()) {
            throw ApiProblem.badRequest("email '" + (email == null ? "" : email) + "' is not an e-mail address.");
        }
        boolean orgAdmin = groups.isOrganizationAdmin(group.organizationId(), caller);
        String role = memberships.find(groupId, caller.accountId(), caller.userId()).map(Memberships.Member::role).orElse(null);
        boolean mayInvite = orgAdmin || "admin".equals(role) || ("member".equals(role) && group.membersCanInvite());
        if (!mayInvite) {
            throw ApiProblem.forbidden("Only the admins of group '" + group.slug() + "'"
                    + (group.membersCanInvite() ? " and its members" : "") + " may invite to it.");
        }
        if (!orgAdmin) {
            gate.requireAccess(caller.accountId());
        }
        if (memberships.hasMemberWithEmail(groupId, address)) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Already a member", address + " is already a member of group '"
                    + group.slug() + "'; there is nothing to invite them to.");
        }
        String token = InvitationTokens.newToken();
        Instant now = clock.instant();
        Instant expires = now.plus(settings.invitations().ttl());
        Map<String, Object> row = jdbc.sql("""
                INSERT INTO invitation (id, group_id, email, invited_by_account, invited_by_user, token_hash, status, expires_at)
                VALUES (:id, :group, :email, :account, :user, :hash, 'pending', :expires)
                ON CONFLICT (group_id, email) WHERE status = 'pending'
                DO UPDATE SET token_hash = EXCLUDED.token_hash, expires_at = EXCLUDED.expires_at, sent_at = now(),
                    invited_by_account = EXCLUDED.invited_by_account, invited_by_user = EXCLUDED.invited_by_user
                RETURNING id, (xmax = 0) AS created""")
                .param("id", UUID.randomUUID()).param("group", groupId).param("email", address)
                .param("account", caller.accountId()).param("user", caller.userId()).param("hash", InvitationTokens.hash(token))
                .param("expires", Timestamp.from(expires)).query().singleRow();
        UUID id = (UUID) row.get("id");
        events.publishEvent(new InvitationSent(UUID.randomUUID(), caller.accountId(), now, id, groupId, group.slug(), group.name(),
                address, caller.userId(), expires, tokens.seal(token, id)));
        return new Sent(id, groupId, address, expires, !(Boolean) row.get("created"));
    }

    @Transactional
    public Memberships.Member accept(CallerIdentity caller, String token) {
        Pending invitation = pending(caller, token, "accept");
        gate.requireAccess(caller.accountId());
        Group group = groups.lock(invitation.groupId());
        if (group.archived()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Group archived", "Group '" + group.slug() + "' was archived; the invitation no longer applies.");
        }
        Memberships.Member member = memberships.add(group, caller, "invitation");
        respond(invitation.id(), "accepted", caller);
        events.publishEvent(new InvitationAccepted(UUID.randomUUID(), invitation.invitedByAccount(), clock.instant(),
                invitation.id(), group.id(), group.slug(), caller.accountId(), caller.userId()));
        return member;
    }

    @Transactional
    public void decline(CallerIdentity caller, String token) {
        respond(pending(caller, token, "decline").id(), "declined", caller);
    }

    /**
     * Marks pending invitations past their time expired and publishes InvitationExpired for each.
     * Safe on every replica at once: each batch claims its rows with SKIP LOCKED and the status
     * change means a row is expired once, so no ShedLock is needed here.
     */
    @Scheduled(fixedDelayString = "${tollgate.community.invitations.expiry-sweep-interval:PT1M}",
            initialDelayString = "${tollgate.community.invitations.expiry-sweep-interval:PT1M}")
    public void expireOverdue() {
        while (expireBatch() == EXPIRY_BATCH) {
            // next batch
        }
    }

    @Transactional
    public int expireBatch() {
        List<Map<String, Object>> expired = jdbc.sql("""
                UPDATE invitation SET status = 'expired', responded_at = now()
                WHERE id IN (SELECT id FROM invitation WHERE status = 'pending' AND expires_at <= now()
                             ORDER BY expires_at LIMIT :batch FOR UPDATE SKIP LOCKED)
                RETURNING id, group_id, email, invited_by_account, expires_at""")
                .param("batch", EXPIRY_BATCH).query().listOfRows();
        for (Map<String, Object> row : expired) {
            events.publishEvent(new InvitationExpired(UUID.randomUUID(), (String) row.get("invited_by_account"), clock.instant(),
                    (UUID) row.get("id"), (UUID) row.get("group_id"), (String) row.get("email"),
                    ((Timestamp) row.get("expires_at")).toInstant()));
        }
        return expired.size();
    }

    /** The pending invitation the token belongs to, addressed to the caller; otherwise the problem that says why not. */
    private Pending pending(CallerIdentity caller, String token, String action) {
        if (token == null || token.isBlank()) {
            throw ApiProblem.badRequest("token is required: the one from the invitation e-mail's link.");
        }
        Pending invitation = jdbc.sql("""
                SELECT id, group_id, email, invited_by_account, status, expires_at FROM invitation
                WHERE token_hash = :hash FOR UPDATE""")
                .param("hash", InvitationTokens.hash(token))
                .query((row, n) -> new Pending(row.getObject("id", UUID.class), row.getObject("group_id", UUID.class),
                        row.getString("email"), row.getString("invited_by_account"), row.getString("status"),
                        row.getTimestamp("expires_at").toInstant()))
                .optional()
                .orElseThrow(() -> ApiProblem.notFound("This invitation link is not valid (or was replaced by a newer"
                        + " invitation to the same address)."));
        if (caller.email() == null || !caller.email().strip().equalsIgnoreCase(invitation.email())) {
            throw ApiProblem.forbidden("This invitation was sent to another e-mail address; sign in as its addressee to "
                    + action + " it.");
        }
        switch (invitation.status()) {
            case "accepted", "declined" -> throw new ApiProblem(HttpStatus.CONFLICT, "Invitation already used",
                    "This invitation was already " + invitation.status() + "; an invitation link can be used once.");
            case "expired" -> throw expired();
            default -> {
                if (!invitation.expiresAt().isAfter(clock.instant())) {
                    throw expired();
                }
            }
        }
        return invitation;
    }

    private static ApiProblem expired() {
        return new ApiProblem(HttpStatus.GONE, "Invitation expired",
                "This invitation has expired; ask a group admin to invite you again.");
    }

    private void respond(UUID id, String status, CallerIdentity caller) {
        jdbc.sql("""
                UPDATE invitation SET status = :status, responded_at = now(), responded_by_account = :account,
                    responded_by_user = :user WHERE id = :id""")
                .param("status", status).param("account", caller.accountId()).param("user", caller.userId()).param("id", id)
                .update();
    }

    record Pending(UUID id, UUID groupId, String email, String invitedByAccount, String status, Instant expiresAt) {
    }

    record Sent(UUID invitationId, UUID groupId, String email, Instant expiresAt, boolean refreshed) {
    }
}
