package dev.tollgate.community.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.community.support.CommunityApi;
import dev.tollgate.community.support.CommunityTest;
import tools.jackson.databind.JsonNode;

@CommunityTest
class GroupBrowsingTest {

    @LocalServerPort
    int port;

    @Autowired
    CommunitySeed seed;

    @Autowired
    JdbcClient jdbc;

    @Test
    void applyingTheSeedAgainChangesNothingAndTheApiListsItsThirtySevenGroups() {
        long auditBefore = count("SELECT count(*) FROM community_audit");
        long eventsBefore = count("SELECT count(*) FROM event_publication");

        CommunitySeed.Report again = seed.apply(new ClassPathResource("community/seed.yml"));

        assertThat(again).isEqualTo(new CommunitySeed.Report(0, 0, 37));
        assertThat(count("SELECT count(*) FROM community_audit")).isEqualTo(auditBefore);
        assertThat(count("SELECT count(*) FROM event_publication WHERE completion_date IS NULL")).isLessThanOrEqualTo(eventsBefore);
        CommunityApi visitor = CommunityApi.newUser(port, "browser", false);
        List<String> slugs = allSlugs(visitor, "/api/community/groups?organization=latamlab-ai&limit=10");
        assertThat(slugs).hasSize(37).doesNotHaveDuplicates()
                .contains("ai-factory", "latamlab-ai", "el-club-de-la-ia", "reforge-latam");
        JsonNode clubDeLaIa = visitor.json("/api/community/groups/el-club-de-la-ia");
        assertThat(clubDeLaIa.path("name").asString()).isEqualTo("El Club de la IA");
        assertThat(clubDeLaIa.path("industry").asString()).isEqualTo("AI");
        assertThat(visitor.json("/api/community/groups/reforge-latam").path("industry").asString()).isEqualTo("Growth");
        assertThat(clubDeLaIa.path("membership").isNull()).isTrue();
    }

    @Test
    void theSeedsAdminAdministersTheOrganizationAndEveryGroup() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        JsonNode page = alec.json("/api/community/groups?organization=latamlab-ai&limit=100");
        assertThat(page.path("groups")).hasSize(37).allSatisfy(group ->
                assertThat(group.path("membership").path("role").asString()).isEqualTo("admin"));
        assertThat(count("SELECT count(*) FROM organization_admin a JOIN organization o ON o.id = a.organization_id"
                + " WHERE o.slug = 'latamlab-ai' AND a.user_id = 'user_alec'")).isEqualTo(1);
    }

    @Test
    void industryFilterAndAccentInsensitiveSearchFindTheirGroups() {
        CommunityApi visitor = CommunityApi.newUser(port, "searcher", false);

        assertThat(slugs(visitor.json("/api/community/groups?organization=latamlab-ai&industry=construction")))
                .containsExactlyInAnyOrder("construccion-inteligente", "obras-y-proyectos");
        assertThat(slugs(visitor.json("/api/community/groups?organization=latamlab-ai&q=construccion")))
                .contains("construccion-inteligente", "obras-y-proyectos");
        assertThat(slugs(visitor.json("/api/community/groups?organization=latamlab-ai&q=MINERIA")))
                .containsExactly("mineria-4-0");
        assertThat(slugs(visitor.json("/api/community/groups?organization=latamlab-ai&industry=AI&q=club")))
                .containsExactly("el-club-de-la-ia");
        assertThat(slugs(visitor.json("/api/community/groups?organization=latamlab-ai&q=%25"))).isEmpty();

        JsonNode industries = visitor.json("/api/community/industries?organization=latamlab-ai").path("industries");
        long total = 0;
        for (JsonNode industry : industries) {
            total += industry.path("groups").asLong();
            if (industry.path("industry").asString().equals("AI")) {
                assertThat(industry.path("groups").asLong()).isEqualTo(5);
            }
        }
        assertThat(total).isEqualTo(37);
        assertThat(industries).extracting(node -> node.path("industry").asString()).contains("Banking", "Construction", "Growth");
    }

    @Test
    void sortingByNameOrMembersPagesThroughEveryGroupOnce() {
        CommunityApi visitor = CommunityApi.newUser(port, "pager", false);
        List<String> byName = allSlugs(visitor, "/api/community/groups?organization=latamlab-ai&sort=name&limit=7");
        assertThat(byName).hasSize(37).doesNotHaveDuplicates();
        assertThat(byName.getFirst()).isEqualTo("agrotech");

        JsonNode first = visitor.json("/api/community/groups?organization=latamlab-ai&limit=37");
        List<Integer> counts = new ArrayList<>();
        first.path("groups").forEach(group -> counts.add(group.path("memberCount").asInt()));
        assertThat(counts).isSortedAccordingTo((a, b) -> Integer.compare(b, a));
    }

    @Test
    void badParametersAndUnknownGroupsAreProblems() {
        CommunityApi visitor = CommunityApi.newUser(port, "mistaken", false);
        assertProblem(visitor.get("/api/community/groups?sort=popularity"), 400, "sort must be");
        assertProblem(visitor.get("/api/community/groups?limit=1000"), 400, "limit must be between");
        assertProblem(visitor.get("/api/community/groups?cursor=garbage!"), 400, "cursor");
        assertProblem(visitor.get("/api/community/groups/no-such-group"), 404, "no-such-group");
        // A private group of another organization is invisible to a stranger, in the list and by slug.
        assertProblem(visitor.get("/api/community/groups/private-lab"), 404, "private-lab");
        assertThat(slugs(visitor.json("/api/community/groups?organization=test-org"))).doesNotContain("private-lab");
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).contains(detail);
    }

    private List<String> allSlugs(CommunityApi api, String path) {
        List<String> slugs = new ArrayList<>();
        String cursor = null;
        do {
            JsonNode page = api.json(path + (cursor == null ? "" : "&cursor=" + cursor));
            slugs.addAll(slugs(page));
            cursor = page.path("nextCursor").isNull() ? null : page.path("nextCursor").asString();
        } while (cursor != null);
        return slugs;
    }

    private static List<String> slugs(JsonNode page) {
        List<String> slugs = new ArrayList<>();
        page.path("groups").forEach(group -> slugs.add(group.path("slug").asString()));
        return slugs;
    }

    private long count(String sql) {
        return jdbc.sql(sql).query(Long.class).single();
    }
}
