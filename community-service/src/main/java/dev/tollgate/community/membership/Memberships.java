package dev.tollgate.community.membership;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.community.entitlement.AccessChanges;
import dev.tollgate.community.entitlement.CommunityAccessGate;
import dev.tollgate.community.group.AuditLog;
import dev.tollgate.community.group.Group;
import dev.tollgate.community.group.Groups;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * Joining, leaving, promoting and removing members, and suspending an account's memberships while
 * it has no community access. Every change to a group's active members happens under the group's
 * row lock and moves {@code member_count} by exactly the rows it changed, so the count stays
 * exact under any number of concurrent joins and leaves.
 */
@Service
public class Memberships implements AccessChanges {

    private final JdbcClient jdbc;
    private final Groups groups;
    private final CommunityAccessGate gate;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    Memberships(JdbcClient jdbc, Groups groups, CommunityAccessGate gate, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.audit = audit;
        this.gate = gate;
        this.events = events;
    }

    /** Joins a public group; joining again changes nothing. */
    @Transactional
    public Joined join(CallerIdentity caller, UUID groupId) {
        Group found = groups.require(groupId);
        if (found.archived()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Group archived", "Group '" + found.slug() + "' is archived; it takes no new members.");
        }
        // Access first (its row held shared), then the group's row: the same order as a grant that suspends.
        gate.requireAccess(caller.accountId());
        Group group = groups.lock(groupId);
        Optional<Member> existing = find(groupId, caller.accountId(), caller.userId());
        if (existing.isPresent()) {
            return new Joined(existing.get(), false);
        }
        if (!group.isPublic() && !groups.isOrganizationAdmin(group.organizationId(), caller)) {
            throw ApiProblem.forbidden("Group '" + group.slug() + "' is private: it is joined by invitation only.");
        }
        return new Joined(add(group, caller, "join"), true);
    }

    /** Adds the caller as an active member in the caller's transaction (the group's row already locked). */
    @Transactional(propagation = Propagation.MANDATORY)
    public Member add(Group group, CallerIdentity caller, String via) {
        Optional<Member> existing = find(group.id(), caller.accountId(), caller.userId());
        if (existing.isPresent()) {
            return existing.get();
        }
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO group_member (id, group_id, account_id, user_id, email, role, status)
                VALUES (:id, :group, :account, :user, :email, 'member', 'active')""")
                .param("id", id).param("group", group.id()).param("account", caller.accountId()).param("user", caller.userId())
                .param("email", caller.email()).update();
        groups.adjustMemberCount(group.id(), 1);
        Member member = find(group.id(), caller.accountId(), caller.userId()).orElseThrow();
        events.publishEvent(new MemberJoined(UUID.randomUUID(), caller.accountId(), Instant.now(), group.id(), group.slug(), id,
                caller.userId(), "member", via, groups.require(group.id()).memberCount()));
        return member;
    }

    /** Leaves a group; leaving a group one is not in changes nothing. No access needed: anyone may leave. */
    @Transactional
    public void leave(CallerIdentity caller, UUID groupId) {
        Group group = groups.lock(groupId);
        find(groupId, caller.accountId(), caller.userId()).ifPresent(member -> delete(group, member, "left"));
    }

    @Transactional
    public Member promote(CallerIdentity caller, UUID groupId, UUID memberId) {
        Group group = groups.lock(groupId);
        requireGroupAdmin(group, caller);
        Member member = member(group, memberId);
        if (!member.role().equals("admin")) {
            jdbc.sql("UPDATE group_member SET role = 'admin' WHERE id = :id").param("id", memberId).update();
            audit.record(caller.accountId(), caller.userId(), "member.promoted", groupId, member.userId(), "to admin");
        }
        return member(group, memberId);
    }

    @Transactional
    public void remove(CallerIdentity caller, UUID groupId, UUID memberId) {
        Group group = groups.lock(groupId);
        requireGroupAdmin(group, caller);
        Member member = member(group, memberId);
        delete(group, member, "removed");
        audit.record(caller.accountId(), caller.userId(), "member.removed", groupId, member.userId(), null);
    }

    /** The group's active members, for its active members and its organization's admins. */
    @Transactional(readOnly = true)
    public List<Member> members(CallerIdentity caller, UUID groupId) {
        Group group = groups.require(groupId);
        boolean member = find(groupId, caller.accountId(), caller.userId()).isPresent();
        if (!member && !groups.isOrganizationAdmin(group.organizationId(), caller)) {
            throw ApiProblem.forbidden("Only the group's members may see who else is in it.");
        }
        return jdbc.sql(SELECT + " WHERE group_id = :group AND status = 'active' ORDER BY joined_at, id")
                .param("group", groupId).query(Memberships::member).list();
    }

    /** An active member's role in the group, if the caller is one. */
    public Optional<Member> find(UUID groupId, String accountId, String userId) {
        return jdbc.sql(SELECT + " WHERE group_id = :group AND account_id = :account AND user_id = :user AND status = 'active'")
                .param("group", groupId).param("account", accountId).param("user", userId).query(Memberships::member).optional();
    }

    /** Whether an active member of the group has this e-mail address (case-insensitive). */
    public boolean hasMemberWithEmail(UUID groupId, String email) {
        return jdbc.sql("SELECT count(*) FROM group_member WHERE group_id = :group AND lower(email) = lower(:email) AND status = 'active'")
                .param("group", groupId).param("email", email).query(Long.class).single() > 0;
    }

    @Override
    public void accessLost(String accountId) {
        List<UUID> touched = jdbc.sql("""
                UPDATE group_member SET status = 'suspended' WHERE account_id = :account AND status = 'active' RETURNING group_id""")
                .param("account", accountId).query(UUID.class).list();
        recount(touched, -1);
    }

    @Override
    public void accessRegained(String accountId) {
        List<UUID> touched = jdbc.sql("""
                UPDATE group_member SET status = 'active' WHERE account_id = :account AND status = 'suspended' RETURNING group_id""")
                .param("account", accountId).query(UUID.class).list();
        recount(touched, 1);
    }

    /** Moves each touched group's count by the rows changed, groups in id order (the order joins lock them in too). */
    private void recount(List<UUID> touched, int sign) {
        touched.stream().distinct().sorted().forEach(group -> groups.adjustMemberCount(group,
                sign * (int) touched.stream().filter(group::equals).count()));
    }

    private void delete(Group group, Member member, String reason) {
        int deleted = jdbc.sql("DELETE FROM group_member WHERE id = :id").param("id", member.id()).update();
        if (deleted == 1) {
            groups.adjustMemberCount(group.id(), -1);
            events.publishEvent(new MemberLeft(UUID.randomUUID(), member.accountId(), Instant.now(), group.id(), group.slug(),
                    member.id(), member.userId(), reason, groups.require(group.id()).memberCount()));
        }
    }

    private void requireGroupAdmin(Group group, CallerIdentity caller) {
        boolean admin = find(group.id(), caller.accountId(), caller.userId()).map(m -> m.role().equals("admin")).orElse(false);
        if (!admin && !groups.isOrganizationAdmin(group.organizationId(), caller)) {
            throw ApiProblem.forbidden("Only the admins of group '" + group.slug() + "' may promote or remove its members.");
        }
    }

    private Member member(Group group, UUID memberId) {
        return jdbc.sql(SELECT + " WHERE id = :id AND group_id = :group AND status = 'active'")
                .param("id", memberId).param("group", group.id()).query(Memberships::member).optional()
                .orElseThrow(() -> ApiProblem.notFound("Group '" + group.slug() + "' has no member " + memberId + "."));
    }

    private static final String SELECT = "SELECT id, group_id, account_id, user_id, role, joined_at FROM group_member";

    private static Member member(java.sql.ResultSet row, int n) throws java.sql.SQLException {
        return new Member(row.getObject("id", UUID.class), row.getObject("group_id", UUID.class), row.getString("account_id"),
                row.getString("user_id"), row.getString("role"), row.getTimestamp("joined_at").toInstant());
    }

    public record Member(UUID id, UUID groupId, String accountId, String userId, String role, Instant joinedAt) {
    }

    public record Joined(Member member, boolean created) {
    }
}
