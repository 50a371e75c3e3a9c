package dev.tollgate.gateway.ratelimit;

import java.time.Duration;

import javax.sql.DataSource;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.jdbc.PrimaryKeyMapper;
import io.github.bucket4j.postgresql.Bucket4jPostgreSQL;
import io.github.bucket4j.postgresql.PostgreSQLSelectForUpdateBasedProxyManager;

/**
 * Where the buckets live: the gateway's PostgreSQL database (table {@code rate_limit_bucket}, migration
 * {@code db/gateway}), through Bucket4j's own PostgreSQL proxy manager rather than hand-written SQL. It
 * locks a bucket's row ({@code SELECT ... FOR UPDATE}) for the few microseconds of a consumption, so
 * concurrent replicas never both spend the last token.
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class RateLimitStore {

    private static final Logger log = LoggerFactory.getLogger(RateLimitStore.class);

    @Bean
    PostgreSQLSelectForUpdateBasedProxyManager<String> rateLimitBuckets(DataSource dataSource) {
        return Bucket4jPostgreSQL.selectForUpdateBasedBuilder(dataSource)
                .primaryKeyMapper(PrimaryKeyMapper.STRING)
                .table("rate_limit_bucket")
                // A row may go once its bucket would be full again: a missing row and a full bucket are the same.
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(Duration.ofSeconds(10)))
                .build();
    }

    /** Keeps the table as small as the accounts active within a day. Safe on every replica at once (SKIP LOCKED). */
    @Bean
    ExpiredBuckets expiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
        return new ExpiredBuckets(buckets);
    }

    static class ExpiredBuckets {

        private final PostgreSQLSelectForUpdateBasedProxyManager<String> buckets;

        ExpiredBuckets(PostgreSQLSelectForUpdateBasedProxyManager<String> buckets) {
            this.buckets = buckets;
        }

        @Scheduled(fixedDelayString = "${tollgate.gateway.rate-limit.cleanup-interval:5m}", initialDelayString = "1m")
        void remove() {
            try {
                int removed;
                do {
                    removed = buckets.removeExpired(1000);
                } while (removed == 1000);
            } catch (RuntimeException e) {
                log.warn("Could not remove expired rate-limit buckets (retried at the next run): {}", e.toString());
            }
        }
    }
}
