package dev.tollgate.platform.events;

import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** CloudEvents 1.0 Kafka protocol binding, binary content mode: attribute names as record headers. */
public final class CloudEventHeaders {

    public static final String ID = "ce_id";
    public static final String SOURCE = "ce_source";
    public static final String TYPE = "ce_type";
    public static final String SPEC_VERSION = "ce_specversion";
    public static final String TIME = "ce_time";
    public static final String SUBJECT = "ce_subject";
    public static final String CONTENT_TYPE = "content-type";

    public static final String SPEC_VERSION_1_0 = "1.0";
    public static final String JSON = "application/json";

    private CloudEventHeaders() {
    }

    /** The headers of one event, in a stable order; {@code subject} may be null (e.g. a Stripe event with no customer). */
    public static Map<String, String> of(String id, String source, String type, Instant time, String subject) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(ID, id);
        headers.put(SOURCE, source);
        headers.put(TYPE, type);
        headers.put(SPEC_VERSION, SPEC_VERSION_1_0);
        headers.put(TIME, time.toString());
        if (subject != null) {
            headers.put(SUBJECT, subject);
        }
        headers.put(CONTENT_TYPE, JSON);
        return headers;
    }
}
