package dev.tollgate.community.group;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/** Creating, updating and archiving groups: organization admins (and the seed) only, each action audited. */
@Service
public class GroupAdministration {

    private final JdbcClient jdbc;
    private final Groups groups;
    private final AuditLog audit;
    private final ApplicationEventPublisher events;

    GroupAdministration(JdbcClient jdbc, Groups groups, AuditLog audit, ApplicationEventPublisher events) {
        this.jdbc = jdbc;
        this.groups = groups;
        this.audit = audit;
        this.events = events;
    }

    @Transactional
    public Group create(CallerIdentity caller, String organizationSlug, GroupSpec spec) {
        UUID organization = groups.organizationBySlug(organizationSlug == null ? "" : organizationSlug)
                .orElseThrow(() -> ApiProblem.notFound("There is no organization '" + organizationSlug + "'."));
        requireOrganizationAdmin(organization, caller);
        if (exists(organization, spec.slug())) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Slug taken", "The organization already has a group with slug '"
                    + spec.slug() + "'; choose another slug.");
        }
        return insert(organization, caller, spec, "group.created");
    }

    /** Inserts a group with its creator as its first admin and member, publishes GroupCreated and audits {@code action}. */
    @Transactional(propagation = Propagation.MANDATORY)
    Group insert(UUID organization, CallerIdentity creator, GroupSpec spec, String action) {
        UUID id = UUID.randomUUID();
        jdbc.sql("""
                INSERT INTO community_group (id, organization_id, slug, name, industry, description, visibility,
                    members_can_invite, owner_account_id, owner_user_id, member_count, search_text, sort_name)
                VALUES (:id, :org, :slug, :name, :industry, :description, :visibility, :invite, :account, :user, 0, :search, :sort)""")
                .param("id", id).param("org", organization).param("slug", spec.slug()).param("name", spec.name())
                .param("industry", spec.industry()).param("description", spec.description()).param("visibility", spec.visibility())
                .param("invite", spec.membersCanInvite()).param("account", creator.accountId()).param("user", creator.userId())
                .param("search", spec.searchText()).param("sort", spec.sortName()).update();
        ensureAdmin(id, creator);
        Group group = groups.require(id);
        String organizationAccount = jdbc.sql("SELECT account_id FROM organization WHERE id = :id").param("id", organization)
                .query(String.class).single();
        events.publishEvent(new GroupCreated(UUID.randomUUID(), organizationAccount, Instant.now(), id, organization,
                group.organizationSlug(), spec.slug(), spec.name(), spec.industry(), spec.visibility(), creator.userId()));
        audit.record(creator.accountId(), creator.userId(), action, id, spec.slug(), spec.name() + " (" + spec.industry() + ")");
        return group;
    }

    /** Makes the user an active admin of the group (joining it if needed, counted once). */
    @Transactional(propagation = Propagation.MANDATORY)
    boolean ensureAdmin(UUID group, CallerIdentity user) {
        groups.lock(group);
        int joined = jdbc.sql("""
                INSERT INTO group_member (id, group_id, account_id, user_id, email, role, status)
                VALUES (:id, :group, :account, :user, :email, 'admin', 'active')
                ON CONFLICT (group_id, account_id, user_id) DO NOTHING""")
                .param("id", UUID.randomUUID()).param("group", group).param("account", user.accountId())
                .param("user", user.userId()).param("email", user.email()).update();
        groups.adjustMemberCount(group, joined);
        int promoted = jdbc.sql("""
                UPDATE group_member SET role = 'admin' WHERE group_id = :group AND account_id = :account AND user_id = :user
                    AND role <> 'admin'""")
                .param("group", group).param("account", user.accountId()).param("user", user.userId()).update();
        return joined + promoted > 0;
    }

    @Transactional
    public Group update(CallerIdentity caller, UUID id, Changes changes) {
        Group group = groups.lock(id);
        requireOrganizationAdmin(group.organizationId(), caller);
        if (group.archived()) {
            throw new ApiProblem(HttpStatus.CONFLICT, "Group archived", "Group '" + group.slug() + "' is archived and cannot be changed.");
        }
        GroupSpec spec = GroupSpec.of(group.slug(), pick(changes.name(), group.name()), pick(changes.industry(), group.industry()),
                pick(changes.description(), group.description()), pick(changes.visibility(), group.visibility()),
                changes.membersCanInvite() == null ? group.membersCanInvite() : changes.membersCanInvite());
        List<String> changed = changedFields(group, spec);
        if (!changed.isEmpty()) {
            write(id, spec);
            audit.record(caller.accountId(), caller.userId(), "group.updated", id, group.slug(), "changed " + String.join(", ", changed));
        }
        return groups.require(id);
    }

    @Transactional(propagation = Propagation.MANDATORY)
    List<String> changedFields(Group group, GroupSpec spec) {
        List<String> changed = new ArrayList<>();
        if (!group.name().equals(spec.name())) {
            changed.add("name");
        }
        if (!group.industry().equals(spec.industry())) {
            changed.add("industry");
        }
        if (!group.description().equals(spec.description())) {
            changed.add("description");
        }
        if (!group.visibility().equals(spec.visibility())) {
            changed.add("visibility");
        }
        if (group.membersCanInvite() != spec.membersCanInvite()) {
            changed.add("membersCanInvite");
        }
        return changed;
    }

    @Transactional(propagation = Propagation.MANDATORY)
    void write(UUID id, GroupSpec spec) {
        jdbc.sql("""
                UPDATE community_group SET name = :name, industry = :industry, description = :description,
                    visibility = :visibility, members_can_invite = :invite, search_text = :search, sort_name = :sort,
                    updated_at = now()
                WHERE id = :id""")
                .param("id", id).param("name", spec.name()).param("industry", spec.industry())
                .param("description", spec.description()).param("visibility", spec.visibility())
                .param("invite", spec.membersCanInvite()).param("search", spec.searchText()).param("sort", spec.sortName())
                .update();
    }

    @Transactional
    public Group archive(CallerIdentity caller, UUID id) {
        Group group = groups.lock(id);
        requireOrganizationAdmin(group.organizationId(), caller);
        if (!group.archived()) {
            jdbc.sql("UPDATE community_group SET archived_at = now(), updated_at = now() WHERE id = :id").param("id", id).update();
            audit.record(caller.accountId(), caller.userId(), "group.archived", id, group.slug(), null);
        }
        return groups.require(id);
    }

    Groups groups() {
        return groups;
    }

    boolean exists(UUID organization, String slug) {
        return jdbc.sql("SELECT count(*) FROM community_group WHERE organization_id = :org AND slug = :slug")
                .param("org", organization).param("slug", slug).query(Long.class).single() > 0;
    }

    private void requireOrganizationAdmin(UUID organization, CallerIdentity caller) {
        if (!groups.isOrganizationAdmin(organization, caller)) {
            throw ApiProblem.forbidden("Only the organization's admins may create, change or archive its groups.");
        }
    }

    private static String pick(String changed, String held) {
        return changed == null ? held : changed;
    }

    /** A partial update: null leaves a field as it is. */
    public record Changes(String name, String industry, String description, String visibility, Boolean membersCanInvite) {
    }
}
