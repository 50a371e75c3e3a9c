package dev.tollgate.gateway.ratelimit;

import java.nio.charset.StandardCharsets;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Feeds {@link PlanLimits} from {@code entitlements.changed.v1}. The projection lives in memory and needs no
 * inbox: applying a grant is idempotent by its {@code version}, so a copy or a replay is harmless.
 * Every replica uses a consumer group of its own and starts from the earliest record, because each needs
 * every account's limits.
 */
@Component
class EntitlementLimitsListener {

    static final String TYPE = "entitlements.changed.v1";
    private static final Logger log = LoggerFactory.getLogger(EntitlementLimitsListener.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PlanLimits limits;

    EntitlementLimitsListener(PlanLimits limits) {
        this.limits = limits;
    }

    @KafkaListener(topics = "${tollgate.gateway.rate-limit.topic:tollgate.entitlement.events}",
            groupId = "gateway-rate-limits-${random.uuid}", autoStartup = "${tollgate.gateway.rate-limit.enabled:true}",
            properties = "auto.offset.reset=earliest")
    void on(ConsumerRecord<String, String> record) {
        Header type = record.headers().lastHeader("ce_type");
        if (type == null || !TYPE.equals(new String(type.value(), StandardCharsets.UTF_8)) || record.value() == null) {
            return;
        }
        try {
            JsonNode event = JSON.readTree(record.value());
            String accountId = event.path("accountId").asString(null);
            JsonNode version = event.get("version");
            if (accountId == null || version == null || !version.canConvertToLong()) {
                log.warn("Skipped an {} without accountId or integer version at {}-{}@{}", TYPE, record.topic(),
                        record.partition(), record.offset());
                return;
            }
            JsonNode features = event.path("features");
            limits.apply(accountId, version.asLong(), limit(features.get("rate_limit_per_minute")),
                    limit(features.get("rate_limit_per_day")));
        } catch (RuntimeException e) {
            // A record this projection cannot read must not hold the partition: the limit stays as it was.
            log.warn("Skipped an unreadable {} at {}-{}@{}: {}", TYPE, record.topic(), record.partition(), record.offset(),
                    e.toString());
        }
    }

    /** {@code {"limit": n}} or a metadata value {@code {"value": "n"}}; null when absent or not a number. */
    static Long limit(JsonNode feature) {
        if (feature == null) {
            return null;
        }
        JsonNode limit = feature.get("limit");
        if (limit != null && limit.canConvertToLong()) {
            return limit.asLong();
        }
        JsonNode value = feature.get("value");
        if (value != null) {
            try {
                return Long.parseLong(value.asString().trim());
            } catch (NumberFormatException e) {
                return null;
            }
        }
        return null;
    }
}
