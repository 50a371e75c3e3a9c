package dev.tollgate.community.group;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.UUID;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.web.server.LocalServerPort;

import dev.tollgate.community.support.CommunityApi;
import dev.tollgate.community.support.CommunityTest;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.EventContract;
import dev.tollgate.platform.test.TestKafka;

/** What community-service really publishes for groups and memberships, against the schemas it documents. */
@CommunityTest
class GroupEventsContractTest {

    @LocalServerPort
    int port;

    @Test
    void groupCreatedMemberJoinedAndMemberLeftMatchTheirSchemasWithCloudEventHeaders() {
        CommunityApi root = CommunityApi.as(port, "acct_testorg", "user_root", "root@test-org.example");
        CommunityApi nia = CommunityApi.newUser(port, "nia", true);
        String slug = "contract-" + UUID.randomUUID().toString().substring(0, 8);
        String id = CommunityApi.JSON.readTree(root.post("/api/community/groups", """
                {"organization":"test-org","slug":"%s","name":"Contract","industry":"Testing"}""".formatted(slug)).body())
                .path("id").asString();
        nia.post("/api/community/groups/" + id + "/members", null);
        nia.delete("/api/community/groups/" + id + "/members/me");

        for (String type : List.of("community.group-created.v1", "community.member-joined.v1", "community.member-left.v1")) {
            List<ConsumerRecord<String, String>> found = TestKafka.read(Topics.COMMUNITY,
                    record -> type.equals(TestKafka.header(record, "ce_type")) && record.value().contains(id)
                            && (type.startsWith("community.group") || nia.caller().accountId().equals(record.key())),
                    1, Duration.ofSeconds(30));
            assertThat(found).as(type).hasSize(1);
            ConsumerRecord<String, String> event = found.getFirst();
            assertThat(EventContract.violations(type, event.value())).as(type).isEmpty();
            assertThat(TestKafka.header(event, "ce_subject")).isEqualTo(event.key());
            assertThat(TestKafka.header(event, "ce_source")).isEqualTo("/tollgate/community-service");
        }
    }
}
