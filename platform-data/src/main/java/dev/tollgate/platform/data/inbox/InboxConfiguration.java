package dev.tollgate.platform.data.inbox;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.transaction.support.TransactionTemplate;

@AutoConfiguration(afterName = {
        "org.springframework.boot.jdbc.autoconfigure.JdbcClientAutoConfiguration",
        "org.springframework.boot.transaction.autoconfigure.TransactionAutoConfiguration" })
public class InboxConfiguration {

    @Bean
    Inbox inbox(JdbcClient jdbc, TransactionTemplate transactions) {
        return new Inbox(jdbc, transactions);
    }
}
