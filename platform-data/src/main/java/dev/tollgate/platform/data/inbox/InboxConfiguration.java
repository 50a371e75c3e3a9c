package dev.tollgate.platform.data.inbox;

import java.time.Clock;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.transaction.support.TransactionTemplate;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
@EnableConfigurationProperties(InboxSettings.class)
@EnableScheduling
public class InboxConfiguration {

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions) {
        return new Inbox(jdbc, transactions);
    }

    @Bean
    InboxPurge inboxPurge(JdbcClient jdbc, InboxSettings settings) {
        return new InboxPurge(jdbc, settings, Clock.systemUTC());
    }
}
