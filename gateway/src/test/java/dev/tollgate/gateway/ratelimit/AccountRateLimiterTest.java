package dev.tollgate.gateway.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.core.io.ClassPathResource;
import org.springframework.jdbc.datasource.init.ScriptUtils;

import com.zaxxer.hikari.HikariDataSource;

import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import dev.tollgate.platform.test.FreePorts;
import dev.tollgate.platform.test.TestPostgres;

/** The limiter on a real PostgreSQL (the gateway's migration applied), and on one nobody answers at. */
class AccountRateLimiterTest {

    static final HikariDataSource DATABASE = dataSource(TestPostgres.newDatabase("gateway_limiter"));

    final PlanLimits plans = new PlanLimits(new RateLimitSettings(true, 60, 5000));
    final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    final AccountRateLimiter limiter = new AccountRateLimiter(plans,
            Bucket4jPostgreSQL.selectForUpdateBasedBuilder(DATABASE).primaryKeyMapper(PrimaryKeyMapper.STRING)
                    .table("rate_limit_bucket").build(), meters);

    static {
        try (var connection = DATABASE.getConnection()) {
            ScriptUtils.executeSqlScript(connection, new ClassPathResource("db/gateway/V1__rate_limit_buckets.sql"));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    @AfterAll
    static void close() {
        DATABASE.close();
    }

    @Test
    void aCallTheDayWindowRefusesDoesNotSpendAMinuteToken() {
        plans.apply("acct_daily", 1, 5L, 2L);
        assertThat(limiter.tryConsume("acct_daily").allowed()).isTrue();
        assertThat(limiter.tryConsume("acct_daily").allowed()).isTrue();

        AccountRateLimiter.Decision refused = limiter.tryConsume("acct_daily");

        assertThat(refused.allowed()).isFalse();
        assertThat(refused.windows()).extracting(AccountRateLimiter.Window::name).containsExactly("minute", "day");
        // Two calls went through; the refused third gave its minute token back.
        assertThat(refused.windows().getFirst().remaining()).isEqualTo(3);
        assertThat(meters.counter("tollgate.gateway.rate.limited", "window", "day").count()).isEqualTo(1);
    }

    @Test
    void aQuotaOfZeroRefusesEveryCallInsteadOfAllowingOne() {
        plans.apply("acct_blocked", 1, 0L, 100L);

        AccountRateLimiter.Decision first = limiter.tryConsume("acct_blocked");

        assertThat(first.allowed()).isFalse();
        assertThat(first.windows()).singleElement().satisfies(window -> {
            assertThat(window.quota()).isZero();
            assertThat(window.remaining()).isZero();
        });
        assertThat(first.retryAfter()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void anUnlimitedWindowIsNeitherCountedNorReported() {
        plans.apply("acct_unlimited", 1, PlanLimits.UNLIMITED, 10L);

        AccountRateLimiter.Decision decision = limiter.tryConsume("acct_unlimited");

        assertThat(decision.allowed()).isTrue();
        assertThat(decision.windows()).extracting(AccountRateLimiter.Window::name).containsExactly("day");
    }

    @Test
    void whilePostgresCannotBeReachedTheReplicaLimitsOnItsOwnAndCountsTheCalls() {
        plans.apply("acct_offline", 1, 2L, 100L);
        try (HikariDataSource unreachable = dataSource("jdbc:postgresql://127.0.0.1:" + FreePorts.next() + "/gateway")) {
            AccountRateLimiter offline = new AccountRateLimiter(plans, Bucket4jPostgreSQL.selectForUpdateBasedBuilder(unreachable)
                    .primaryKeyMapper(PrimaryKeyMapper.STRING).table("rate_limit_bucket").build(), meters);

            AccountRateLimiter.Decision first = offline.tryConsume("acct_offline");
            AccountRateLimiter.Decision second = offline.tryConsume("acct_offline");
            AccountRateLimiter.Decision third = offline.tryConsume("acct_offline");

            assertThat(first.allowed()).isTrue();
            assertThat(first.windows()).extracting(AccountRateLimiter.Window::name).containsExactly("minute", "day");
            assertThat(second.allowed()).isTrue();
            assertThat(second.windows().getFirst().remaining()).isZero();
            assertThat(third.allowed()).isFalse();
            assertThat(third.windows()).extracting(AccountRateLimiter.Window::name).containsExactly("minute");
            assertThat(meters.counter("tollgate.gateway.rate.limit.unavailable").count()).isEqualTo(3);
        }
    }

    @Test
    void concurrentCallsOfOneAccountSpendExactlyItsQuota() throws Exception {
        plans.apply("acct_busy", 1, 50L, 1000L);
        try (var threads = java.util.concurrent.Executors.newFixedThreadPool(16)) {
            var calls = new java.util.ArrayList<java.util.concurrent.Future<AccountRateLimiter.Decision>>();
            for (int i = 0; i < 80; i++) {
                calls.add(threads.submit(() -> limiter.tryConsume("acct_busy")));
            }
            long allowed = 0;
            for (var call : calls) {
                allowed += call.get().allowed() ? 1 : 0;
            }
            assertThat(allowed).isEqualTo(50);
        }
        AccountRateLimiter.Decision after = limiter.tryConsume("acct_busy");
        assertThat(after.allowed()).isFalse();
        assertThat(after.windows().getFirst().remaining()).isZero();
        assertThat(Math.max(1, after.windows().getFirst().resetsIn().toSeconds())).isBetween(1L, 60L);
    }

    private static HikariDataSource dataSource(String url) {
        HikariDataSource dataSource = new HikariDataSource();
        dataSource.setJdbcUrl(url);
        dataSource.setUsername("postgres");
        dataSource.setPassword("postgres");
        dataSource.setConnectionTimeout(500);
        dataSource.setInitializationFailTimeout(-1);
        return dataSource;
    }
}
