package dev.tollgate.platform.data.outbox;

import java.time.Instant;
import java.util.UUID;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.platform.events.DomainEvent;
import dev.tollgate.platform.events.EventType;

/** A service in miniature: it changes an account's state and publishes the change, as every Tollgate service does. */
@SpringBootApplication
public class OutboxTestApplication {

    static final String CONFIG_NAME = "outbox-test";

    /** The account's state reached {@code version}; consumers must never see a lower version after a higher one. */
    @EventType(name = "test.account_changed")
    public record AccountChanged(UUID eventId, String accountId, Instant occurredAt, long version) implements DomainEvent {
    }

    @Component
    public static class AccountService {

        private final JdbcClient jdbc;
        private final ApplicationEventPublisher events;

        AccountService(JdbcClient jdbc, ApplicationEventPublisher events) {
            this.jdbc = jdbc;
            this.events = events;
        }

        /** Moves the account one version on and publishes that, in one transaction; returns the new version. */
        @Transactional
        public long change(String accountId) {
            long version = jdbc.sql("""
                    INSERT INTO account_state (account_id, version) VALUES (?, 1)
                    ON CONFLICT (account_id) DO UPDATE SET version = account_state.version + 1
                    RETURNING version""").param(accountId).query(Long.class).single();
            events.publishEvent(new AccountChanged(UUID.randomUUID(), accountId, Instant.now(), version));
            return version;
        }
    }
}
