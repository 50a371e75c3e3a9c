package dev.tollgate.community.group;

import java.nio.charset.StandardCharsets;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * The group listing: filter by industry and organization, search folded name and description,
 * sort by member count (the guide's index: descending, then name) or by name, keyset cursor
 * pagination, and the caller's membership on each group. Archived groups are never listed; a
 * private group only to its members and its organization's admins.
 */
@Component
class GroupBrowser {

    static final int DEFAULT_LIMIT = 20;
    static final int MAX_LIMIT = 100;

    private static final String VISIBLE = """
             FROM community_group g
             JOIN organization o ON o.id = g.organization_id
             LEFT JOIN group_member m ON m.group_id = g.id AND m.account_id = :account AND m.user_id = :user AND m.status = 'active'
             WHERE g.archived_at IS NULL
               AND (g.visibility = 'public' OR m.id IS NOT NULL OR EXISTS (SELECT 1 FROM organization_admin a
                    WHERE a.organization_id = g.organization_id AND a.account_id = :account AND a.user_id = :user))""";

    private final JdbcClient jdbc;

    GroupBrowser(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    Page list(CallerIdentity caller, Query query) {
        Map<String, Object> params = new HashMap<>();
        params.put("account", caller.accountId());
        params.put("user", caller.userId());
        StringBuilder sql = new StringBuilder("""
                SELECT g.id, g.organization_id, o.slug AS organization_slug, g.slug, g.name, g.industry, g.description,
                       g.visibility, g.members_can_invite, g.member_count, g.archived_at, g.sort_name, m.id AS member_id,
                       m.role AS member_role, m.joined_at AS member_since""").append(" ").append(VISIBLE);
        if (query.industry() != null && !query.industry().isBlank()) {
            sql.append(" AND lower(g.industry) = lower(:industry)");
            params.put("industry", query.industry().strip());
        }
        if (query.organization() != null && !query.organization().isBlank()) {
            sql.append(" AND o.slug = :organization");
            params.put("organization", query.organization().strip());
        }
        String folded = SearchText.fold(query.search());
        if (!folded.isEmpty()) {
            sql.append(" AND g.search_text LIKE :pattern ESCAPE '\\'");
            params.put("pattern", "%" + folded.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_") + "%");
        }
        Sort sort = Sort.of(query.sort());
        if (query.cursor() != null && !query.cursor().isBlank()) {
            Cursor cursor = Cursor.decode(query.cursor(), sort);
            params.put("afterName", cursor.sortName());
            params.put("afterId", cursor.id());
            if (sort == Sort.MEMBERS) {
                params.put("afterCount", cursor.memberCount());
                sql.append(" AND (g.member_count < :afterCount OR (g.member_count = :afterCount AND (g.sort_name, g.id) > (:afterName, :afterId)))");
            } else {
                sql.append(" AND (g.sort_name, g.id) > (:afterName, :afterId)");
            }
        }
        sql.append(sort == Sort.MEMBERS ? " ORDER BY g.member_count DESC, g.sort_name, g.id" : " ORDER BY g.sort_name, g.id");
        int limit = limit(query.limit());
        sql.append(" LIMIT :limit");
        params.put("limit", limit + 1);
        List<Row> rows = jdbc.sql(sql.toString()).params(params).query(GroupBrowser::row).list();
        List<Row> page = rows.size() > limit ? rows.subList(0, limit) : rows;
        String next = rows.size() > limit ? Cursor.of(sort, page.getLast()).encode() : null;
        return new Page(page.stream().map(Row::view).toList(), next);
    }

    java.util.Optional<GroupView> bySlug(CallerIdentity caller, String slug, String organization) {
        Map<String, Object> params = new HashMap<>();
        params.put("account", caller.accountId());
        params.put("user", caller.userId());
        params.put("slug", slug);
        String sql = """
                SELECT g.id, g.organization_id, o.slug AS organization_slug, g.slug, g.name, g.industry, g.description,
                       g.visibility, g.members_can_invite, g.member_count, g.archived_at, g.sort_name, m.id AS member_id,
                       m.role AS member_role, m.joined_at AS member_since""" + " " + VISIBLE + " AND g.slug = :slug";
        if (organization != null && !organization.isBlank()) {
            sql += " AND o.slug = :organization";
            params.put("organization", organization.strip());
        }
        List<Row> rows = jdbc.sql(sql + " ORDER BY o.created_at, o.slug").params(params).query(GroupBrowser::row).list();
        if (rows.size() > 1) {
            throw ApiProblem.badRequest("Several organizations have a group '" + slug + "'; add ?organization=<slug>"
                    + " (one of " + rows.stream().map(row -> row.view().organization()).toList() + ").");
        }
        return rows.stream().findFirst().map(Row::view);
    }

    List<IndustryCount> industries(CallerIdentity caller, String organization) {
        Map<String, Object> params = new HashMap<>();
        params.put("account", caller.accountId());
        params.put("user", caller.userId());
        String sql = "SELECT g.industry, count(*) AS groups, coalesce(sum(g.member_count), 0) AS members " + VISIBLE;
        if (organization != null && !organization.isBlank()) {
            sql += " AND o.slug = :organization";
            params.put("organization", organization.strip());
        }
        return jdbc.sql(sql + " GROUP BY g.industry ORDER BY g.industry").params(params)
                .query((row, n) -> new IndustryCount(row.getString("industry"), row.getLong("groups"), row.getLong("members")))
                .list();
    }

    private static int limit(Integer requested) {
        if (requested == null) {
            return DEFAULT_LIMIT;
        }
        if (requested < 1 || requested > MAX_LIMIT) {
            throw ApiProblem.badRequest("limit must be between 1 and " + MAX_LIMIT + ", not " + requested + ".");
        }
        return requested;
    }

    private static Row row(ResultSet row, int n) throws SQLException {
        Group group = Groups.group(row, n);
        UUID memberId = row.getObject("member_id", UUID.class);
        Timestamp since = row.getTimestamp("member_since");
        Membership membership = memberId == null ? null
                : new Membership(memberId, row.getString("member_role"), since == null ? null : since.toInstant());
        return new Row(GroupView.of(group, membership), row.getString("sort_name"));
    }

    record Row(GroupView view, String sortName) {
    }

    /** The filters of one listing request; all optional. */
    record Query(String industry, String search, String organization, String sort, String cursor, Integer limit) {
    }

    record Page(List<GroupView> groups, String nextCursor) {
    }

    record IndustryCount(String industry, long groups, long members) {
    }

    /** A group as the API shows it, with the caller's membership (null when not a member). */
    record GroupView(UUID id, String organization, String slug, String name, String industry, String description,
            String visibility, boolean membersCanInvite, int memberCount, boolean archived, Membership membership) {

        static GroupView of(Group group, Membership membership) {
            return new GroupView(group.id(), group.organizationSlug(), group.slug(), group.name(), group.industry(),
                    group.description(), group.visibility(), group.membersCanInvite(), group.memberCount(), group.archived(),
                    membership);
        }
    }

    record Membership(UUID memberId, String role, Instant joinedAt) {
    }

    enum Sort {
        MEMBERS, NAME;

        static Sort of(String requested) {
            if (requested == null || requested.isBlank() || requested.equals("members")) {
                return MEMBERS;
            }
            if (requested.equals("name")) {
                return NAME;
            }
            throw ApiProblem.badRequest("sort must be 'members' (most members first) or 'name', not '" + requested + "'.");
        }
    }

    /** Where a page ended: opaque to clients (base64url of the sort, count, id and folded name of the last group). */
    record Cursor(Sort sort, long memberCount, UUID id, String sortName) {

        static Cursor of(Sort sort, Row last) {
            return new Cursor(sort, last.view().memberCount(), last.view().id(), last.sortName());
        }

        String encode() {
            String raw = sort.name() + ":" + memberCount + ":" + id + ":" + sortName;
            return Base64.getUrlEncoder().withoutPadding().encodeToString(raw.getBytes(StandardCharsets.UTF_8));
        }

        static Cursor decode(String encoded, Sort expected) {
            try {
                String[] parts = new String(Base64.getUrlDecoder().decode(encoded.strip()), StandardCharsets.UTF_8).split(":", 4);
                Cursor cursor = new Cursor(Sort.valueOf(parts[0]), Long.parseLong(parts[1]), UUID.fromString(parts[2]), parts[3]);
                if (cursor.sort() != expected) {
                    throw ApiProblem.badRequest("This cursor belongs to a listing sorted by " + cursor.sort().name().toLowerCase()
                            + "; ask again with the same sort.");
                }
                return cursor;
            } catch (IllegalArgumentException | ArrayIndexOutOfBoundsException e) {
                throw ApiProblem.badRequest("cursor is not one this API returned; start again without it.");
            }
        }
    }
}
