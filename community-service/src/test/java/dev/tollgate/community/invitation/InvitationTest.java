package dev.tollgate.community.invitation;

import static dev.tollgate.community.support.CommunityApi.JSON;
import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.simple.JdbcClient;

import dev.tollgate.community.support.CommunityApi;
import dev.tollgate.community.support.CommunityTest;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.TestKafka;
import tools.jackson.databind.JsonNode;

@CommunityTest
class InvitationTest {

    @LocalServerPort
    int port;

    @Autowired
    JdbcClient jdbc;

    @Autowired
    Invitations invitations;

    @Test
    void anAdminInvitesTheInviteeAcceptsOnceAndEveryEventKeepsItsSchemaWithoutTheRawToken() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        CommunityApi ivy = CommunityApi.newUser(port, "ivy", true);
        UUID group = alec.groupId("edtech-latam");

        HttpResponse<String> sent = alec.post("/api/community/groups/" + group + "/invitations",
                "{\"email\":\"" + ivy.caller().email().toUpperCase() + "\"}");
        assertThat(sent.statusCode()).as(sent.body()).isEqualTo(201);
        String invitationId = JSON.readTree(sent.body()).path("invitationId").asString();
        HttpResponse<String> resent = alec.post("/api/community/groups/" + group + "/invitations",
                "{\"email\":\"" + ivy.caller().email() + "\"}");
        assertThat(resent.statusCode()).as("re-inviting refreshes the pending invitation").isEqualTo(200);
        assertThat(JSON.readTree(resent.body()).path("invitationId").asString()).isEqualTo(invitationId);
        assertThat(jdbc.sql("SELECT count(*) FROM invitation WHERE id = :id").param("id", UUID.fromString(invitationId))
                .query(Long.class).single()).isEqualTo(1);

        List<ConsumerRecord<String, String>> sentEvents = events("community.invitation-sent.v1", invitationId, 2);
        String firstToken = token(sentEvents.get(0), invitationId);
        String token = token(sentEvents.get(1), invitationId);
        assertThat(firstToken).isNotEqualTo(token);
        sentEvents.forEach(event -> {
            assertThat(EventContract.violations("community.invitation-sent.v1", event.value())).isEmpty();
            assertThat(event.value()).doesNotContain(token).doesNotContain(firstToken);
        });
        assertThat(jdbc.sql("SELECT encode(token_hash, 'hex') FROM invitation WHERE id = :id")
                .param("id", UUID.fromString(invitationId)).query(String.class).single()).doesNotContain(token);

        assertProblem(ivy.post("/api/community/invitations/accept", tokenBody(firstToken)), 404, "not valid");
        CommunityApi otherPerson = CommunityApi.newUser(port, "mallory", true);
        assertProblem(otherPerson.post("/api/community/invitations/accept", tokenBody(token)), 403, "another e-mail");

        HttpResponse<String> accepted = ivy.post("/api/community/invitations/accept", tokenBody(token));
        assertThat(accepted.statusCode()).as(accepted.body()).isEqualTo(200);
        assertThat(ivy.json("/api/community/groups/edtech-latam").path("membership").path("role").asString()).isEqualTo("member");
        assertProblem(ivy.post("/api/community/invitations/accept", tokenBody(token)), 409, "used once");
        assertProblem(alec.post("/api/community/groups/" + group + "/invitations", "{\"email\":\"" + ivy.caller().email() + "\"}"),
                409, "already a member");

        JsonNode acceptedEvent = JSON.readTree(events("community.invitation-accepted.v1", invitationId, 1).getFirst().value());
        assertThat(acceptedEvent.path("acceptedByUser").asString()).isEqualTo("user_ivy");
        List<ConsumerRecord<String, String>> joined = TestKafka.read(Topics.COMMUNITY, record -> record.value().contains(group.toString())
                && record.value().contains("\"via\":\"invitation\"") && ivy.caller().accountId().equals(record.key()), 1,
                Duration.ofSeconds(30));
        assertThat(joined).singleElement().satisfies(event ->
                assertThat(EventContract.violations("community.member-joined.v1", event.value())).isEmpty());
    }

    @Test
    void anExpiredInvitationIsGoneAndTheSweepPublishesItsExpiry() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        CommunityApi joe = CommunityApi.newUser(port, "joe", true);
        UUID group = alec.groupId("turismo-y-hoteleria");
        String invitationId = JSON.readTree(alec.post("/api/community/groups/" + group + "/invitations",
                "{\"email\":\"" + joe.caller().email() + "\"}").body()).path("invitationId").asString();
        String token = token(events("community.invitation-sent.v1", invitationId, 1).getFirst(), invitationId);
        // 14 days later.
        jdbc.sql("UPDATE invitation SET expires_at = now() - interval '1 second' WHERE id = :id")
                .param("id", UUID.fromString(invitationId)).update();

        assertProblem(joe.post("/api/community/invitations/accept", tokenBody(token)), 410, "expired");
        invitations.expireOverdue();

        assertProblem(joe.post("/api/community/invitations/accept", tokenBody(token)), 410, "expired");
        assertThat(events("community.invitation-expired.v1", invitationId, 1)).singleElement().satisfies(event ->
                assertThat(EventContract.violations("community.invitation-expired.v1", event.value())).isEmpty());
    }

    @Test
    void aDeclinedInvitationCannotBeAcceptedAndOnlyAdminsOrAllowedMembersInvite() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        CommunityApi kim = CommunityApi.newUser(port, "kim", true);
        CommunityApi lee = CommunityApi.newUser(port, "lee", true);
        UUID group = alec.groupId("biotecnologia");
        assertThat(lee.post("/api/community/groups/" + group + "/members", null).statusCode()).isEqualTo(201);

        assertProblem(lee.post("/api/community/groups/" + group + "/invitations", "{\"email\":\"x@example.com\"}"), 403, "admins");
        assertProblem(alec.post("/api/community/groups/" + group + "/invitations", "{\"email\":\"not-an-address\"}"), 400, "e-mail");
        assertProblem(alec.post("/api/community/groups/" + UUID.randomUUID() + "/invitations", "{\"email\":\"x@example.com\"}"),
                404, "no community group");

        String invitationId = JSON.readTree(alec.post("/api/community/groups/" + group + "/invitations",
                "{\"email\":\"" + kim.caller().email() + "\"}").body()).path("invitationId").asString();
        String token = token(events("community.invitation-sent.v1", invitationId, 1).getFirst(), invitationId);
        assertThat(kim.post("/api/community/invitations/decline", tokenBody(token)).statusCode()).isEqualTo(204);
        assertProblem(kim.post("/api/community/invitations/accept", tokenBody(token)), 409, "declined");
        assertProblem(kim.post("/api/community/invitations/accept", "{}"), 400, "token is required");
    }

    @Test
    void withoutCommunityAccessTheInviteeCannotAccept() {
        CommunityApi alec = new CommunityApi(port, CommunityApi.SEED_ADMIN);
        CommunityApi max = CommunityApi.newUser(port, "max", false);
        UUID group = alec.groupId("gobierno-digital");
        String invitationId = JSON.readTree(alec.post("/api/community/groups/" + group + "/invitations",
                "{\"email\":\"" + max.caller().email() + "\"}").body()).path("invitationId").asString();
        String token = token(events("community.invitation-sent.v1", invitationId, 1).getFirst(), invitationId);

        assertProblem(max.post("/api/community/invitations/accept", tokenBody(token)), 403, "Community Edition");
        max.grant(1, true);
        assertThat(max.post("/api/community/invitations/accept", tokenBody(token)).statusCode()).isEqualTo(200);
    }

    private static String token(ConsumerRecord<String, String> sent, String invitationId) {
        return CommunityApi.unseal(JSON.readTree(sent.value()).path("sealedToken").asString(), invitationId);
    }

    private static String tokenBody(String token) {
        return "{\"token\":\"" + token + "\"}";
    }

    private static List<ConsumerRecord<String, String>> events(String type, String invitationId, int wanted) {
        List<ConsumerRecord<String, String>> found = TestKafka.read(Topics.COMMUNITY, record -> type.equals(TestKafka.header(record, "ce_type"))
                && record.value().contains(invitationId), wanted, Duration.ofSeconds(30));
        assertThat(found).hasSize(wanted);
        return found;
    }

    static void assertProblem(HttpResponse<String> response, int status, String detail) {
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/problem+json");
        assertThat(response.body()).containsIgnoringCase(detail);
    }
}
