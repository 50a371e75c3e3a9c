package dev.tollgate.community.membership;

import static dev.tollgate.community.support.CommunityApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.community.support.CommunityApi;
import dev.tollgate.community.support.CommunityTest;
import tools.jackson.databind.JsonNode;

@CommunityTest
class MembershipTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Test
    void withoutCommunityAccessJoiningIsAForbiddenProblemNamingThePlan() {
        CommunityApi noPlan = CommunityApi.newUser(port, "noplan", false);
        UUID group = noPlan.groupId("ai-factory");

        HttpResponse<String> refused = noPlan.post("/api/community/groups/" + group + "/members", null);

        assertProblem(refused, 403, "Community Edition");
        assertThat(noPlan.json("/api/community/groups/ai-factory").path("membership").isNull()).isTrue();
    }

    @Test
    void joiningTwiceIsOneMembershipAndLeavingTwiceIsHarmless() {
        CommunityApi ana = CommunityApi.newUser(port, "ana", true);
        UUID group = ana.groupId("fintech-latam");
        int before = memberCount(group);

        assertThat(ana.post("/api/community/groups/" + group + "/members", null).statusCode()).isEqualTo(201);
        HttpResponse<String> again = ana.post("/api/community/groups/" + group + "/members", null);
        assertThat(again.statusCode()).isEqualTo(200);
        JsonNode shown = ana.json("/api/community/groups/fintech-latam");
        assertThat(shown.path("membership").path("role").asString()).isEqualTo("member");
        assertThat(shown.path("memberCount").asInt()).isEqualTo(before + 1);

        assertThat(ana.delete("/api/community/groups/" + group + "/members/me").statusCode()).isEqualTo(204);
        assertThat(ana.delete("/api/community/groups/" + group + "/members/me").statusCode()).isEqualTo(204);
        assertThat(ana.json("/api/community/groups/fintech-latam").path("memberCount").asInt()).isEqualTo(before);
    }

    @Test
    void joiningOrLeavingAnUnknownGroupIsNotFoundAndAMalformedIdIsABadRequest() {
        CommunityApi bea = CommunityApi.newUser(port, "bea", true);
        assertProblem(bea.post("/api/community/groups/" + UUID.randomUUID() + "/members", null), 404, "no community group");
        assertProblem(bea.delete("/api/community/groups/" + UUID.randomUUID() + "/members/me"), 404, "no community group");
        assertThat(bea.post("/api/community/groups/not-a-uuid/members", null).statusCode()).isEqualTo(400);
    }

    @Test
    void aPrivateGroupIsJoinedByInvitationOnly() {
        CommunityApi cid = CommunityApi.newUser(port, "cid", true);
        UUID privateLab = jdbc.sql("SELECT id FROM community_group WHERE slug = 'private-lab'").query(UUID.class).single();
        assertProblem(cid.post("/api/community/groups/" + privateLab + "/members", null), 403, "invitation only");
    }

    @Test
    void aHundredConcurrentJoinsAndLeavesLeaveAnExactMemberCount() throws Exception {
        UUID group = CommunityApi.newUser(port, "probe", false).groupId("agrotech");
        int before = memberCount(group);
        List<CommunityApi> users = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            users.add(CommunityApi.newUser(port, "crowd" + i, true));
        }
        // Every user joins twice and half of them also leave, all at once: 100 joins and 25 leaves in parallel.
        List<Future<Integer>> calls = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            for (int i = 0; i < users.size(); i++) {
                CommunityApi user = users.get(i);
                calls.add(pool.submit(() -> user.post("/api/community/groups/" + group + "/members", null).statusCode()));
                calls.add(pool.submit(() -> user.post("/api/community/groups/" + group + "/members", null).statusCode()));
                if (i % 2 == 0) {
                    calls.add(pool.submit(() -> user.delete("/api/community/groups/" + group + "/members/me").statusCode()));
                }
            }
            for (Future<Integer> call : calls) {
                assertThat(call.get()).isIn(200, 201, 204);
            }
        }
        long rows = jdbc.sql("SELECT count(*) FROM group_member WHERE group_id = :g AND status = 'active'").param("g", group)
                .query(Long.class).single();
        assertThat(memberCount(group)).as("the count equals the active membership rows").isEqualTo((int) rows);

        // Now every one of them leaves at once (the half already gone leaves again): exactly the group as before.
        try (ExecutorService pool = Executors.newFixedThreadPool(32)) {
            List<Future<Integer>> leaves = new ArrayList<>();
            users.forEach(user -> leaves.add(pool.submit(() -> user.delete("/api/community/groups/" + group + "/members/me")
                    .statusCode())));
            for (Future<Integer> leave : leaves) {
                assertThat(leave.get()).isEqualTo(204);
            }
        }
        assertThat(memberCount(group)).isEqualTo(before);
    }

    @Test
    void losingCommunityAccessSuspendsMembershipsAndRegainingItRestoresThem() {
        CommunityApi dan = CommunityApi.newUser(port, "dan", true);
        UUID group = dan.groupId("legaltech");
        int before = memberCount(group);
        assertThat(dan.post("/api/community/groups/" + group + "/members", null).statusCode()).isEqualTo(201);
        assertThat(memberCount(group)).isEqualTo(before + 1);

        dan.grant(2, false);

        JsonNode hidden = dan.json("/api/community/groups/legaltech");
        assertThat(hidden.path("membership").isNull()).as("suspended memberships are hidden").isTrue();
        assertThat(hidden.path("memberCount").asInt()).isEqualTo(before);
        assertThat(jdbc.sql("SELECT status FROM group_member WHERE group_id = :g AND account_id = :a").param("g", group)
                .param("a", dan.caller().accountId()).query(String.class).single()).as("kept").isEqualTo("suspended");
        assertProblem(dan.post("/api/community/groups/" + group + "/members", null), 403, "Community Edition");

        dan.grant(3, true);

        JsonNode restored = dan.json("/api/community/groups/legaltech");
        assertThat(restored.path("membership").path("role").asString()).isEqualTo("member");
        assertThat(restored.path("memberCount").asInt()).isEqualTo(before + 1);
    }

    @Test
    void groupAdminsPromoteAndRemoveMembersOthersMayNotAndEveryActionIsAudited() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        CommunityApi eve = CommunityApi.newUser(port, "eve", true);
        CommunityApi fay = CommunityApi.newUser(port, "fay", true);
        UUID group = alec.groupId("ciberseguridad");
        String eveMember = JSON.readTree(eve.post("/api/community/groups/" + group + "/members", null).body())
                .path("memberId").asString();
        String fayMember = JSON.readTree(fay.post("/api/community/groups/" + group + "/members", null).body())
                .path("memberId").asString();

        assertProblem(fay.post("/api/community/groups/" + group + "/members/" + eveMember + "/promote", null), 403, "admins");
        assertProblem(fay.delete("/api/community/groups/" + group + "/members/" + eveMember), 403, "admins");

        HttpResponse<String> promoted = alec.post("/api/community/groups/" + group + "/members/" + eveMember + "/promote", null);
        assertThat(JSON.readTree(promoted.body()).path("role").asString()).isEqualTo("admin");
        // Eve, now a group admin, removes Fay.
        assertThat(eve.delete("/api/community/groups/" + group + "/members/" + fayMember).statusCode()).isEqualTo(204);
        assertThat(fay.json("/api/community/groups/ciberseguridad").path("membership").isNull()).isTrue();
        assertProblem(eve.delete("/api/community/groups/" + group + "/members/" + UUID.randomUUID()), 404, "no member");

        JsonNode audit = alec.json("/api/community/groups/" + group + "/audit").path("entries");
        List<String> actions = new ArrayList<>();
        audit.forEach(entry -> actions.add(entry.path("action").asString() + " " + entry.path("actorUser").asString() + " "
                + entry.path("subject").asString()));
        assertThat(actions).contains("member.promoted user_alec user_eve", "member.removed user_eve user_fay");
        assertProblem(eve.get("/api/community/groups/" + group + "/audit"), 403, "organization's admins");
    }

    @Test
    void organizationAdminsCreateUpdateAndArchiveGroupsAndNobodyElseMay() {
        CommunityApi root = CommunityApi.as(port, "acct_testorg", "user_root", "root@test-org.example");
        CommunityApi stranger = CommunityApi.newUser(port, "gus", true);
        // The same user id in another account is another person: no admin rights cross accounts.
        CommunityApi impostor = CommunityApi.as(port, "acct_elsewhere", "user_root", "root@elsewhere.example");
        String slug = "grupo-" + UUID.randomUUID().toString().substring(0, 8);
        String body = """
                {"organization":"test-org","slug":"%s","name":"Grupo Ñandú","industry":"Testing","description":"Pruebas"}"""
                .formatted(slug);

        assertProblem(stranger.post("/api/community/groups", body), 403, "organization's admins");
        assertProblem(impostor.post("/api/community/groups", body), 403, "organization's admins");
        HttpResponse<String> created = root.post("/api/community/groups", body);
        assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
        JsonNode group = JSON.readTree(created.body());
        assertThat(group.path("membership").path("role").asString()).as("the creator is its first admin").isEqualTo("admin");
        assertThat(group.path("memberCount").asInt()).isEqualTo(1);
        assertProblem(root.post("/api/community/groups", body), 409, "slug");
        assertProblem(root.post("/api/community/groups", "{\"organization\":\"test-org\",\"name\":\"x\"}"), 400, "industry");
        assertProblem(root.post("/api/community/groups", "{\"organization\":\"nope\",\"name\":\"x\",\"industry\":\"y\"}"), 404, "nope");
        assertThat(stranger.json("/api/community/groups?q=nandu&organization=test-org").path("groups")).hasSize(1);

        String id = group.path("id").asString();
        assertProblem(impostor.patch("/api/community/groups/" + id, "{\"name\":\"Mine\"}"), 403, "organization's admins");
        HttpResponse<String> updated = root.patch("/api/community/groups/" + id, "{\"description\":\"Nueva\"}");
        assertThat(JSON.readTree(updated.body()).path("description").asString()).isEqualTo("Nueva");
        assertProblem(stranger.post("/api/community/groups/" + id + "/archive", null), 403, "organization's admins");
        assertThat(root.post("/api/community/groups/" + id + "/archive", null).statusCode()).isEqualTo(200);
        assertProblem(stranger.get("/api/community/groups/" + slug), 404, slug);
        assertProblem(stranger.post("/api/community/groups/" + id + "/members", null), 409, "archived");

        JsonNode audit = root.json("/api/community/groups/" + id + "/audit").path("entries");
        assertThat(audit).extracting(entry -> entry.path("action").asString())
                .containsExactly("group.created", "group.updated", "group.archived");
    }

    private int memberCount(UUID group) {
        return jdbc.sql("SELECT member_count FROM community_group WHERE id = :id").param("id", group).query(Integer.class).single();
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).containsIgnoringCase(detail);
    }
}
