package dev.tollgate.community.group;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.io.Resource;
import org.springframework.core.io.ResourceLoader;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

import dev.tollgate.community.CommunitySettings;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.Ids;

/**
 * Applies the seed files ({@code tollgate.community.seed-locations}) at every start: organizations
 * and groups matched by slug are created when missing and updated when the file says otherwise;
 * the seed's admin becomes admin of the organization and of every group listed. Applying the same
 * file again changes nothing (no row, no event, no audit entry). Replicas starting together queue
 * on an advisory lock, so a group is never created twice.
 */
@Component
public class CommunitySeed implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(CommunitySeed.class);

    private final JdbcClient jdbc;
    private final GroupAdministration administration;
    private final AuditLog audit;
    private final CommunitySettings settings;
    private final ResourceLoader resources;
    private final TransactionTemplate transactions;

    CommunitySeed(JdbcClient jdbc, GroupAdministration administration, AuditLog audit, CommunitySettings settings,
            ResourceLoader resources, TransactionTemplate transactions) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.administration = administration;
        this.audit = audit;
        this.settings = settings;
        this.resources = resources;
    }

    @Override
    public void run(ApplicationArguments args) {
        for (String location : settings.seedLocations()) {
            if (!location.isBlank()) {
                Report report = apply(resources.getResource(location.strip()));
                log.info("Community seed {}: {} groups created, {} updated, {} unchanged", location, report.created(),
                        report.updated(), report.unchanged());
            }
        }
    }

    /** Applies one seed file in one transaction. */
    public Report apply(Resource file) {
        return transactions.execute(status -> applyInTransaction(file));
    }

    private Report applyInTransaction(Resource file) {
        jdbc.sql("SELECT pg_advisory_xact_lock(hashtextextended('tollgate-community-seed', 0))").query().listOfRows();
        int created = 0;
        int updated = 0;
        int unchanged = 0;
        for (Map<String, Object> organization : list(read(file).get("organizations"))) {
            Map<String, Object> admin = map(organization.get("admin"));
            CallerIdentity seeder = new CallerIdentity(
                    Ids.requireUserId(text(admin, "userId"), "seed " + file.getDescription()),
                    Ids.requireAccountId(text(admin, "accountId"), "seed " + file.getDescription()), text(admin, "email"),
                    List.of("seed"));
            UUID org = organization(text(organization, "slug"), text(organization, "name"), seeder);
            for (Map<String, Object> entry : list(organization.get("groups"))) {
                GroupSpec spec = GroupSpec.of(text(entry, "slug"), text(entry, "name"), text(entry, "industry"),
                        text(entry, "description"), text(entry, "visibility"), (Boolean) entry.get("membersCanInvite"));
                Optional<UUID> existing = jdbc.sql("SELECT id FROM community_group WHERE organization_id = :org AND slug = :slug")
                        .param("org", org).param("slug", spec.slug()).query(UUID.class).optional();
                if (existing.isEmpty()) {
                    administration.insert(org, seeder, spec, "group.seeded");
                    created++;
                    continue;
                }
                Group group = administration.groups().require(existing.get());
                List<String> changed = administration.changedFields(group, spec);
                boolean adminAdded = administration.ensureAdmin(group.id(), seeder);
                if (!changed.isEmpty()) {
                    administration.write(group.id(), spec);
                    audit.record(seeder.accountId(), seeder.userId(), "group.updated", group.id(), group.slug(),
                            "seed changed " + String.join(", ", changed));
                }
                if (changed.isEmpty() && !adminAdded) {
                    unchanged++;
                } else {
                    updated++;
                }
            }
        }
        return new Report(created, updated, unchanged);
    }

    private UUID organization(String slug, String name, CallerIdentity admin) {
        jdbc.sql("""
                INSERT INTO organization (id, slug, name, account_id) VALUES (:id, :slug, :name, :account)
                ON CONFLICT (slug) DO UPDATE SET name = EXCLUDED.name WHERE organization.name IS DISTINCT FROM EXCLUDED.name""")
                .param("id", UUID.randomUUID()).param("slug", slug).param("name", name).param("account", admin.accountId())
                .update();
        UUID id = jdbc.sql("SELECT id FROM organization WHERE slug = :slug").param("slug", slug).query(UUID.class).single();
        jdbc.sql("""
                INSERT INTO organization_admin (organization_id, account_id, user_id) VALUES (:org, :account, :user)
                ON CONFLICT DO NOTHING""")
                .param("org", id).param("account", admin.accountId()).param("user", admin.userId()).update();
        return id;
    }

    private static Map<String, Object> read(Resource file) {
        try (InputStream in = file.getInputStream()) {
            Object loaded = new Yaml(new SafeConstructor(new LoaderOptions())).load(in);
            return map(loaded);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read community seed " + file.getDescription(), e);
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        if (!(value instanceof Map<?, ?>)) {
            throw new IllegalStateException("community seed: expected a mapping, found " + value);
        }
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> list(Object value) {
        return value == null ? List.of() : (List<Map<String, Object>>) value;
    }

    private static String text(Map<String, Object> map, String key) {
        Object value = map.get(key);
        return value == null ? null : value.toString();
    }

    /** What one application of a seed file did. */
    public record Report(int created, int updated, int unchanged) {
    }
}
