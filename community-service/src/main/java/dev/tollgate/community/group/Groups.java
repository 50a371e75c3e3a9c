package dev.tollgate.community.group;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.Optional;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/** Groups and organizations as stored; the member count changes only through {@link #adjustMemberCount}. */
@Repository
public class Groups {

    static final String SELECT = """
            SELECT g.id, g.organization_id, o.slug AS organization_slug, g.slug, g.name, g.industry, g.description,
                   g.visibility, g.members_can_invite, g.member_count, g.archived_at
            FROM community_group g JOIN organization o ON o.id = g.organization_id""";

    private final JdbcClient jdbc;

    Groups(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public Optional<Group> find(UUID id) {
        return jdbc.sql(SELECT + " WHERE g.id = :id").param("id", id).query(Groups::group).optional();
    }

    /** The group, or a 404 problem naming the id. */
    public Group require(UUID id) {
        return find(id).orElseThrow(() -> ApiProblem.notFound("There is no community group with id " + id + "."));
    }

    /** The group, locked until the transaction ends (membership changes of one group queue here). */
    public Group lock(UUID id) {
        return jdbc.sql(SELECT + " WHERE g.id = :id FOR UPDATE OF g").param("id", id).query(Groups::group).optional()
                .orElseThrow(() -> ApiProblem.notFound("There is no community group with id " + id + "."));
    }

    public void adjustMemberCount(UUID id, int delta) {
        if (delta != 0) {
            jdbc.sql("UPDATE community_group SET member_count = member_count + :delta WHERE id = :id")
                    .param("delta", delta).param("id", id).update();
        }
    }

    public boolean isOrganizationAdmin(UUID organizationId, CallerIdentity caller) {
        return jdbc.sql("""
                SELECT count(*) FROM organization_admin
                WHERE organization_id = :org AND account_id = :account AND user_id = :user""")
                .param("org", organizationId).param("account", caller.accountId()).param("user", caller.userId())
                .query(Long.class).single() > 0;
    }

    public Optional<UUID> organizationBySlug(String slug) {
        return jdbc.sql("SELECT id FROM organization WHERE slug = :slug").param("slug", slug).query(UUID.class).optional();
    }

    static Group group(ResultSet row, int rowNum) throws SQLException {
        Timestamp archived = row.getTimestamp("archived_at");
        return new Group(row.getObject("id", UUID.class), row.getObject("organization_id", UUID.class),
                row.getString("organization_slug"), row.getString("slug"), row.getString("name"), row.getString("industry"),
                row.getString("description"), row.getString("visibility"), row.getBoolean("members_can_invite"),
                row.getInt("member_count"), archived == null ? null : archived.toInstant());
    }
}
