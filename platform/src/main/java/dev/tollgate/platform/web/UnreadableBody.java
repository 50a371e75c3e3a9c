package dev.tollgate.platform.web;

import java.util.List;

import org.springframework.http.converter.HttpMessageNotReadableException;

import tools.jackson.core.JacksonException;
import tools.jackson.core.exc.StreamReadException;
import tools.jackson.databind.exc.InvalidFormatException;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.exc.UnrecognizedPropertyException;
import tools.jackson.databind.exc.ValueInstantiationException;

/**
 * Says which part of a JSON body could not be read and why, so a frontend developer sees
 * {@code 'amount' must be a whole number (got "ten")} instead of Spring's bare "Failed to read
 * request". It names the field by its JSON path and the expected kind of value, never a Java class,
 * and echoes at most a short piece of what was sent.
 */
final class UnreadableBody {

    static final String TITLE = "Unreadable body";

    private static final int LONGEST_ECHO = 40;

    private UnreadableBody() {
    }

    static String describe(HttpMessageNotReadableException unreadable) {
        for (Throwable cause = unreadable.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JacksonException jackson) {
                return describe(jackson);
            }
        }
        String message = unreadable.getMessage();
        if (message != null && message.startsWith("Required request body is missing")) {
            return "The request needs a JSON body, and none was sent.";
        }
        return "The request body could not be read as its Content-Type says.";
    }

    private static String describe(JacksonException jackson) {
        // Map keys in the path are the client's own text: bounded and printable like anything echoed.
        String field = ClientMistakes.safe(path(jackson.getPath()));
        if (jackson instanceof StreamReadException) {
            var at = jackson.getLocation();
            return at == null || at.getLineNr() < 1 ? "The body is not valid JSON."
                    : "The body is not valid JSON (line %d, column %d).".formatted(at.getLineNr(), at.getColumnNr());
        }
        if (jackson instanceof UnrecognizedPropertyException unknown) {
            return "The body has a field this request does not take: '%s'.".formatted(field);
        }
        if (jackson instanceof InvalidFormatException invalid && !field.isEmpty()) {
            return "'%s' must be %s (got %s).".formatted(field, kindOf(invalid.getTargetType()), echo(invalid.getValue()));
        }
        if (jackson instanceof MismatchedInputException mismatched && !field.isEmpty()) {
            // Jackson 3 refuses null (or an absent field) for a primitive; its message names the null.
            String original = String.valueOf(mismatched.getOriginalMessage());
            return original.contains("`null`") ? "'%s' is missing or null; it must be %s.".formatted(field, kindOf(mismatched.getTargetType()))
                    : "'%s' must be %s.".formatted(field, kindOf(mismatched.getTargetType()));
        }
        if (jackson instanceof ValueInstantiationException invalidValue && invalidValue.getCause() instanceof IllegalArgumentException rule
                && statedByOurOwnCode(rule)) {
            // Our own records' compact constructors state their rules for the client (e.g. "amount must be positive");
            // a JDK or library message (Enum.valueOf, UUID.fromString) would name Java classes or echo input unbounded.
            String message = ClientMistakes.safe(rule.getMessage());
            return field.isEmpty() ? message : "'%s': %s".formatted(field, message);
        }
        return field.isEmpty() ? "The body does not have the shape this request takes."
                : "'%s' does not have the shape this request takes.".formatted(field);
    }

    private static boolean statedByOurOwnCode(IllegalArgumentException rule) {
        StackTraceElement[] thrownAt = rule.getStackTrace();
        return thrownAt.length > 0 && thrownAt[0].getClassName().startsWith("dev.tollgate.");
    }

    /** The JSON path as a client writes it: {@code items[0].amount}. */
    private static String path(List<JacksonException.Reference> references) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : references) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static String kindOf(Class<?> type) {
        if (type == null) {
            return "of another kind";
        }
        if (type == int.class || type == long.class || type == Integer.class || type == Long.class || type == short.class
                || type == Short.class || type == java.math.BigInteger.class) {
            return "a whole number";
        }
        if (Number.class.isAssignableFrom(type) || type == double.class || type == float.class) {
            return "a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "true or false";
        }
        if (type == String.class) {
            return "a string";
        }
        if (type == java.util.UUID.class) {
            return "a UUID";
        }
        if (type.isEnum()) {
            return "one of " + String.join(", ", java.util.Arrays.stream(type.getEnumConstants())
                    .map(constant -> ((Enum<?>) constant).name()).toList());
        }
        if (java.time.temporal.Temporal.class.isAssignableFrom(type)) {
            return "an ISO-8601 date or time";
        }
        if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
            return "an array";
        }
        return "an object";
    }

    private static String echo(Object value) {
        String text = String.valueOf(value);
        return '"' + (text.length() > LONGEST_ECHO ? text.substring(0, LONGEST_ECHO) + "..." : text) + '"';
    }
}
