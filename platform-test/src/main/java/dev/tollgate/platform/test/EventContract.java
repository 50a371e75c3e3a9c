package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Set;
import java.util.stream.Collectors;

import com.networknt.schema.JsonSchema;
import com.networknt.schema.JsonSchemaFactory;
import com.networknt.schema.SpecVersion;
import com.networknt.schema.ValidationMessage;

/**
 * Checks what a producer really emits against the JSON Schema its module publishes for the event
 * ({@code classpath:events/<type>.json}). The schema is the contract consumers code against.
 */
public final class EventContract {

    // A schema may refer to a shared one by a relative $ref (subscription.*.v1 share subscription.state.v1): its
    // https://tollgate.dev/events/ id is read from the classpath, never fetched.
    private static final JsonSchemaFactory FACTORY = JsonSchemaFactory.getInstance(SpecVersion.VersionFlag.V202012,
            builder -> builder.schemaMappers(mappers -> mappers.mapPrefix("https://tollgate.dev/events/", "classpath:events/")));

    private EventContract() {
    }

    /** Returns the violations of {@code json} against the schema of {@code eventType}; empty when it conforms. */
    public static Set<String> violations(String eventType, String json) {
        String path = "events/" + eventType + ".json";
        try (InputStream schemaStream = Thread.currentThread().getContextClassLoader().getResourceAsStream(path)) {
            if (schemaStream == null) {
                return Set.of("no schema at classpath:" + path);
            }
            JsonSchema schema = FACTORY.getSchema(schemaStream);
            Set<ValidationMessage> messages = schema.validate(json, com.networknt.schema.InputFormat.JSON);
            return messages.stream().map(ValidationMessage::getMessage).collect(Collectors.toSet());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
