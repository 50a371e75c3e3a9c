package dev.tollgate.platform.test;

import static org.awaitility.Awaitility.await;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;

import javax.sql.DataSource;

import org.apache.kafka.clients.consumer.ConsumerRecord;

import tools.jackson.databind.json.JsonMapper;

/**
 * Positive markers that a service is done with what a test sent it, so a test can assert on
 * everything it published (also that nothing more was) without waiting a fixed time: every sent
 * event has its inbox row (it was handled, once) and the outbox holds nothing unacknowledged
 * (all it published is in Kafka).
 */
public final class Settled {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private Settled() {
    }

    /**
     * Waits until the service behind {@code database} has handled every event of {@code sentIds}
     * and Kafka acknowledged all it published, then returns its records on {@code topic} with key
     * {@code account}, ordered by the {@code version} field of their body (the order consumers use).
     */
    public static List<ConsumerRecord<String, String>> publishedByVersion(DataSource database, Collection<String> sentIds,
            String topic, String account) {
        List<String> ids = sentIds.stream().distinct().toList();
        await().atMost(Duration.ofSeconds(30)).until(() -> count(database,
                "SELECT count(*) FROM inbox WHERE event_id = ANY (?)", ids) == ids.size());
        await().atMost(Duration.ofSeconds(30)).until(() -> count(database,
                "SELECT count(*) FROM event_publication WHERE completion_date IS NULL", null) == 0);
        List<ConsumerRecord<String, String>> records = new ArrayList<>(TestKafka.readAll(topic,
                record -> account.equals(record.key())));
        records.sort(Comparator.comparingLong(record -> JSON.readTree(record.value()).path("version").asLong()));
        return records;
    }

    private static long count(DataSource database, String sql, List<String> ids) throws SQLException {
        try (Connection connection = database.getConnection(); PreparedStatement statement = connection.prepareStatement(sql)) {
            if (ids != null) {
                Array array = connection.createArrayOf("text", ids.toArray());
                statement.setArray(1, array);
            }
            try (ResultSet result = statement.executeQuery()) {
                result.next();
                return result.getLong(1);
            }
        }
    }
}
