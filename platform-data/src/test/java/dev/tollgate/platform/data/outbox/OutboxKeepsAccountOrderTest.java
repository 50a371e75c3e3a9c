package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.stream.IntStream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.StandaloneKafka;

/** Per-account order through the outbox, with sends that fail while the broker is away and succeed once it is back. */
class OutboxKeepsAccountOrderTest {

    static final int ACCOUNTS = 20;
    static final int VERSIONS = 10;

    static StandaloneKafka kafka;
    static TestService service;

    @BeforeAll
    static void start() throws IOException {
        kafka = new StandaloneKafka(FreePorts.next(), Files.createTempDirectory("tollgate-outbox-order")).start();
        service = TestService.start(RealInfrastructure.properties("outbox-order"), kafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
        kafka.stop();
    }

    @Test
    void twoHundredEventsOfTwentyAccountsArriveInCommitOrderPerAccountThoughTheBrokerWentAwayMidRun() {
        List<String> accounts = IntStream.range(0, ACCOUNTS).mapToObj(i -> "acct_order_" + i).toList();
        ExecutorService writers = Executors.newFixedThreadPool(8);
        try {
            changeEveryAccount(writers, accounts, 1, 4);
            // Taken away while the first sends are in flight: some fail half-way and must be retried
            // before anything later of their account.
            double failedBefore = service.meter(OutboxRelay.FAILED_SENDS_METRIC);
            kafka.stop();
            changeEveryAccount(writers, accounts, 5, 7);
            await().atMost(Duration.ofSeconds(30)).until(() -> service.meter(OutboxRelay.FAILED_SENDS_METRIC) > failedBefore);
            kafka.start();
            changeEveryAccount(writers, accounts, 8, 10);
        } finally {
            writers.shutdown();
        }

        await().atMost(Duration.ofSeconds(90)).until(() -> service.pending() == 0);
        assertThat(service.meter(OutboxConfiguration.PENDING_METRIC)).isZero();
        assertThat(service.meter(OutboxConfiguration.OLDEST_PENDING_AGE_METRIC)).isZero();
        AccountStream received = AccountStream.read(kafka.bootstrapServers(), TestService.TOPIC, "acct_order_",
                ACCOUNTS * VERSIONS, Duration.ofSeconds(60));
        assertThat(received.distinctEventIds()).as("no event lost").isEqualTo(ACCOUNTS * VERSIONS);
        received.assertEachAccountInCommitOrder(Set.copyOf(accounts), VERSIONS);
    }

    /** Each account is changed by one writer at a time, so its commit order is its version order; accounts run in parallel. */
    private static void changeEveryAccount(ExecutorService writers, List<String> accounts, int fromVersion, int toVersion) {
        List<CompletableFuture<Void>> done = new ArrayList<>();
        for (String account : accounts) {
            done.add(CompletableFuture.runAsync(() -> {
                for (int version = fromVersion; version <= toVersion; version++) {
                    assertThat(service.change(account)).isEqualTo(version);
                }
            }, writers));
        }
        CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
    }

}
