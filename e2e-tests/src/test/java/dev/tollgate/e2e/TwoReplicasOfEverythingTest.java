package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.GroupListing;
import org.apache.kafka.clients.admin.ListGroupsOptions;
import org.apache.kafka.clients.admin.MemberDescription;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.kafka.listener.MessageListenerContainer;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;

import dev.tollgate.billing.BillingApplication;
import dev.tollgate.community.CommunityApplication;
import dev.tollgate.entitlement.EntitlementApplication;
import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.platform.data.consumer.EventBindingContainers;
import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.platform.test.TestKafka;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.subscription.jobs.LifecycleJob;
import dev.tollgate.ticket.TicketApplication;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Two replicas of everything (issue 13): two replica sets of the six services and the gateway, in
 * this JVM, on one PostgreSQL (each service's two replicas share its database, {@link SharedInfrastructure};
 * both gateways share the rate-limit database) and one Kafka broker, each service's replicas in one
 * consumer group. Gateway A routes to replica set A and gateway B to replica set B; the tests send
 * half of their traffic through each. Proven: a shuffled burst of Stripe webhooks with re-deliveries
 * converges to each account's last event, read through either gateway, each domain event published
 * once; racing signups get one trial and one welcome mail; the lifecycle job fired on both replicas
 * at the same moment sends each reminder once; every service's consumer group has a member on each
 * replica, and a topic's partitions (3 in tests) are held on both (a one-partition topic: one active, one standby).
 */
@ExtendWith(NeedsDockerForContainers.class)
class TwoReplicasOfEverythingTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final String SUBSCRIPTION_EVENTS = "tollgate.subscription.events";
    private static final List<String> SERVICES = List.of(BillingApplication.CONFIG_NAME, SubscriptionApplication.CONFIG_NAME,
            EntitlementApplication.CONFIG_NAME, CommunityApplication.CONFIG_NAME, TicketApplication.CONFIG_NAME,
            NotificationApplication.CONFIG_NAME);
    private static final String WELCOME = "Bienvenido a LATAMLAB.AI - \u00a1Tu prueba de 14 d\u00edas comenz\u00f3! \uD83C\uDF89";
    private static final String SEVEN_DAYS_LEFT = "Quedan 7 d\u00edas de tu prueba - Suscr\u00edbete para conservar tus agentes";

    private static Infrastructure infrastructure;
    private static GreenMail smtp;
    private static WireMockServer stripeApi;
    private static TollgatePlatform replicaA;
    private static TollgatePlatform replicaB;

    @BeforeAll
    static void startTwoReplicaSets() {
        infrastructure = new SharedInfrastructure(Infrastructure.selected());
        smtp = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
        smtp.start();
        stripeApi = new WireMockServer(WireMockConfiguration.options().dynamicPort());
        stripeApi.start();
        replicaA = new TollgatePlatform(infrastructure, smtp.getSmtp().getPort(), stripeApi.baseUrl());
        replicaB = new TollgatePlatform(infrastructure, smtp.getSmtp().getPort(), stripeApi.baseUrl());
    }

    @AfterAll
    static void stopEverything() {
        ControllableClock.INSTANCE.reset();
        for (AutoCloseable part : new AutoCloseable[] {replicaB, replicaA, infrastructure}) {
            if (part != null) {
                try {
                    part.close();
                } catch (Exception e) {
                    throw new IllegalStateException(e);
                }
            }
        }
        if (stripeApi != null) {
            stripeApi.stop();
        }
        if (smtp != null) {
            smtp.stop();
        }
    }

    @Test
    void aShuffledBurstWithRedeliveriesThroughBothGatewaysEndsInEachAccountsLastStateThroughEitherGatewayPublishedOnce()
            throws Exception {
        int accounts = 24;
        long t0 = Instant.now().getEpochSecond() - 600;
        Map<String, String> lastStatus = new HashMap<>();
        List<String> events = new ArrayList<>();
        for (int a = 0; a < accounts; a++) {
            String account = "acct_rep_" + a;
            // Even accounts end canceled, odd ones active again: the last event decides, whatever order they arrive in.
            boolean cancels = a % 2 == 0;
            lastStatus.put(account, cancels ? "canceled" : "active");
            events.add(webhook(account, 0, "customer.subscription.created", "trialing", t0));
            events.add(webhook(account, 1, "customer.subscription.updated", "past_due", t0));
            events.add(cancels ? webhook(account, 2, "customer.subscription.deleted", "canceled", t0)
                    : webhook(account, 2, "customer.subscription.updated", "active", t0));
        }
        Random random = new Random(13);
        int unique = events.size();
        for (int d = 0; d < unique / 5; d++) {
            events.add(events.get(random.nextInt(unique)));
        }
        Collections.shuffle(events, random);

        List<Integer> answers;
        try (ExecutorService senders = Executors.newFixedThreadPool(8)) {
            answers = IntStream.range(0, events.size()).mapToObj(i -> CompletableFuture.supplyAsync(
                    () -> sendWebhook(i % 2 == 0 ? replicaA : replicaB, events.get(i)), senders)).toList().stream()
                    .map(CompletableFuture::join).toList();
        }
        assertThat(answers).as("each gateway's answers to signed webhooks").containsOnly(200);

        Map<String, Map<TollgatePlatform, String>> tokens = new HashMap<>();
        lastStatus.keySet().forEach(account -> tokens.put(account, Map.of(replicaA, token(replicaA, account, account + "@example.com"),
                replicaB, token(replicaB, account, account + "@example.com"))));
        await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
            for (var account : lastStatus.entrySet()) {
                for (TollgatePlatform gateway : List.of(replicaA, replicaB)) {
                    String jwt = tokens.get(account.getKey()).get(gateway);
                    assertThat(read(gateway, jwt, "/api/entitlements/me").path("subscriptionStatus").asString(null))
                            .as(account.getKey()).isEqualTo(account.getValue());
                    assertThat(read(gateway, jwt, "/api/subscriptions/me").path("status").asString(null))
                            .as(account.getKey()).isEqualTo(account.getValue());
                }
            }
        });

        // Once every outbox is empty nothing more will be published: each cancellation is on the topic exactly once.
        awaitEveryOutboxEmpty();
        Map<String, Long> cancellations = new HashMap<>();
        TestKafka.readAll(bootstrapServers(), SUBSCRIPTION_EVENTS, record -> "subscription.canceled.v1".equals(
                TestKafka.header(record, CloudEventHeaders.TYPE))).forEach(record -> lastStatus.keySet().stream()
                        .filter(account -> record.value().contains("\"" + account + "\"")).findFirst()
                        .ifPresent(account -> cancellations.merge(account, 1L, Long::sum)));
        Map<String, Long> expected = new HashMap<>();
        lastStatus.forEach((account, status) -> {
            if (status.equals("canceled")) {
                expected.put(account, 1L);
            }
        });
        assertThat(cancellations).isEqualTo(expected);
    }

    @Test
    void signupsRacedThroughBothGatewaysGetOneTrialAndOneWelcomeAndTheJobFiredOnBothReplicasAtOnceRemindsEachOnce()
            throws Exception {
        String signup = "{\"billingCycle\":\"monthly\",\"currency\":\"USD\"}";
        // The catalog reaches subscription-service from billing at start-up; until then signup answers 503 (either replica).
        for (TollgatePlatform gateway : List.of(replicaA, replicaB)) {
            String account = "acct_rep_first_" + (gateway == replicaA ? "a" : "b");
            String jwt = token(gateway, account, account + "@example.com");
            HttpResponse<String> first = await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500))
                    .until(() -> send(gateway, jwt, "POST", "/api/subscriptions", signup), response -> response.statusCode() != 503);
            assertThat(first.statusCode()).as(first.body()).isEqualTo(201);
        }
        List<String> raced = IntStream.range(0, 6).mapToObj(i -> "acct_rep_sig_" + i).toList();
        try (ExecutorService callers = Executors.newFixedThreadPool(4)) {
            for (String account : raced) {
                String jwtA = token(replicaA, account, account + "@example.com");
                String jwtB = token(replicaB, account, account + "@example.com");
                CompletableFuture<HttpResponse<String>> viaA = CompletableFuture.supplyAsync(
                        () -> send(replicaA, jwtA, "POST", "/api/subscriptions", signup), callers);
                CompletableFuture<HttpResponse<String>> viaB = CompletableFuture.supplyAsync(
                        () -> send(replicaB, jwtB, "POST", "/api/subscriptions", signup), callers);
                assertThat(List.of(viaA.join().statusCode(), viaB.join().statusCode())).as(account + ": " + viaA.join().body()
                        + " / " + viaB.join().body()).containsExactlyInAnyOrder(201, 409);
            }
        }
        List<String> trials = new ArrayList<>(raced);
        trials.addAll(List.of("acct_rep_first_a", "acct_rep_first_b"));
        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                .until(() -> trials.stream().allMatch(account -> !subjectsTo(account + "@example.com").isEmpty()));

        List<LifecycleJob.RunResult> runs = new ArrayList<>();
        try {
            ControllableClock.INSTANCE.advance(Duration.ofDays(7).plusHours(1));
            CyclicBarrier together = new CyclicBarrier(2);
            try (ExecutorService replicas = Executors.newFixedThreadPool(2)) {
                List<CompletableFuture<Optional<LifecycleJob.RunResult>>> fired = List.of(replicaA, replicaB).stream()
                        .map(replica -> CompletableFuture.supplyAsync(() -> {
                            LifecycleJob job = replica.bean(SubscriptionApplication.CONFIG_NAME, LifecycleJob.class);
                            awaitBarrier(together);
                            return job.runOnOneReplica("schedule", null);
                        }, replicas)).toList();
                fired.forEach(run -> run.join().ifPresent(runs::add));
            }
            // The minutely schedule of either replica may have claimed some reminders; the job never claims one twice.
            assertThat(runs.stream().mapToInt(LifecycleJob.RunResult::reminders).sum()).isLessThanOrEqualTo(trials.size());
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250))
                    .until(() -> trials.stream().allMatch(account -> subjectsTo(account + "@example.com").size() >= 2));
            awaitEveryOutboxEmpty();
        } finally {
            ControllableClock.INSTANCE.reset();
        }
        for (String account : trials) {
            assertThat(subjectsTo(account + "@example.com")).as(account).containsExactly(WELCOME, SEVEN_DAYS_LEFT);
        }
        Map<String, List<String>> published = new HashMap<>();
        TestKafka.readAll(bootstrapServers(), SUBSCRIPTION_EVENTS, record -> true).forEach(record -> trials.stream()
                .filter(account -> record.value().contains("\"" + account + "\"")).findFirst()
                .ifPresent(account -> published.computeIfAbsent(account, key -> new ArrayList<>())
                        .add(TestKafka.header(record, CloudEventHeaders.TYPE))));
        for (String account : trials) {
            assertThat(published.get(account)).as(account)
                    .containsExactlyInAnyOrder("subscription.trial_started.v1", "subscription.trial_expiring.v1");
        }
    }

    @Test
    void everyConsumerGroupOfTheServicesHasAMemberOnEachReplicaAndItsPartitionsSpreadAcrossBoth() throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers()))) {
            await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                List<String> groups = admin.listGroups(ListGroupsOptions.forConsumerGroups()).all().get().stream()
                        .map(GroupListing::groupId).toList();
                Map<String, String> onA = consumersOf(replicaA, groups);
                Map<String, String> onB = consumersOf(replicaB, groups);
                Set<String> spreadServices = new HashSet<>();
                Set<String> ourGroups = new HashSet<>();
                for (ConsumerGroupDescription group : admin.describeConsumerGroups(groups).all().get().values()) {
                    Collection<MemberDescription> members = group.members();
                    if (members.stream().noneMatch(m -> onA.containsKey(m.clientId()) || onB.containsKey(m.clientId()))) {
                        continue; // a group of a platform this JVM ran before, or a test reader
                    }
                    ourGroups.add(group.groupId());
                    assertThat(members).as(group.groupId()).anyMatch(member -> onA.containsKey(member.clientId()))
                            .anyMatch(member -> onB.containsKey(member.clientId()));
                    // A topic of one partition (the catalog) has one active member; the other replica's is its standby.
                    Set<String> topics = new HashSet<>();
                    members.forEach(member -> member.assignment().topicPartitions().forEach(partition -> topics.add(partition.topic())));
                    int partitions = admin.describeTopics(topics).allTopicNames().get().values().stream()
                            .mapToInt(topic -> topic.partitions().size()).sum();
                    List<MemberDescription> holding = members.stream()
                            .filter(member -> !member.assignment().topicPartitions().isEmpty()).toList();
                    assertThat(holding).as(group.groupId() + " members holding partitions")
                            .hasSize(Math.min(members.size(), partitions));
                    if (partitions > 1) {
                        assertThat(holding).as(group.groupId()).anyMatch(member -> onA.containsKey(member.clientId()))
                                .anyMatch(member -> onB.containsKey(member.clientId()));
                    }
                    members.forEach(member -> spreadServices.add(onA.getOrDefault(member.clientId(), onB.get(member.clientId()))));
                }
                assertThat(ourGroups).as("the services' consumer groups").isNotEmpty();
                // Every service that consumes events does so on both replicas (the loop above); each one consumes some.
                assertThat(spreadServices).containsExactlyInAnyOrderElementsOf(SERVICES);
            });
        }
    }

    /** The Kafka client ids of a replica set's consumers of {@code groups}, each to its service's name. */
    private static Map<String, String> consumersOf(TollgatePlatform replicas, List<String> groups) {
        Map<String, String> services = new HashMap<>();
        for (ConfigurableApplicationContext context : replicas.contexts()) {
            EventBindingContainers containers = context.getBeanProvider(EventBindingContainers.class).getIfAvailable();
            String service = context.getEnvironment().getProperty("spring.config.name");
            if (containers != null) {
                groups.forEach(group -> containers.of(group).map(MessageListenerContainer::metrics)
                        .ifPresent(metrics -> metrics.keySet().forEach(clientId -> services.put(clientId, service))));
            }
        }
        return services;
    }

    /** The broker the replicas share: the embedded one, or the container of {@code -Pcontainers}. */
    private static String bootstrapServers() {
        return String.valueOf(infrastructure.properties("gateway").get("spring.kafka.bootstrap-servers"));
    }

    private static void awaitEveryOutboxEmpty() {
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(250)).untilAsserted(() -> {
            for (String service : SERVICES) {
                assertThat(replicaA.bean(service, JdbcClient.class).sql(
                        "SELECT count(*) FROM event_publication WHERE completion_date IS NULL").query(Long.class).single())
                        .as(service + "'s outbox").isZero();
            }
        });
    }

    private static void awaitBarrier(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A signed Stripe subscription event: the Community Edition's monthly price, {@code sub_<account>}. */
    private static String webhook(String account, int step, String type, String status, long t0) {
        return StripeSubscription.of("sub_" + account, "cus_" + account, status, t0).forAccount(account)
                .trialUntil(t0 + 14 * 86_400).event("evt_" + account + "_" + step, type, t0 + step);
    }

    private static int sendWebhook(TollgatePlatform gateway, String payload) {
        return new Gateway(gateway.gatewayUrl()).webhook(payload, TollgatePlatform.WEBHOOK_SECRET).statusCode();
    }

    private static String token(TollgatePlatform gateway, String account, String email) {
        return new Gateway(gateway.gatewayUrl()).token(Gateway.caller("user_" + account, account, email, "owner"));
    }

    private static JsonNode read(TollgatePlatform gateway, String jwt, String path) {
        return JSON.readTree(send(gateway, jwt, "GET", path, null).body());
    }

    private static HttpResponse<String> send(TollgatePlatform gateway, String jwt, String method, String path, String body) {
        return new Gateway(gateway.gatewayUrl()).call(jwt, method, path, body);
    }

    private static List<String> subjectsTo(String email) {
        return Mailbox.to(smtp, email).stream().map(Mailbox::subject).toList();
    }
}
