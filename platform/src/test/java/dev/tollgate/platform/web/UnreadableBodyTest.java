package dev.tollgate.platform.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.http.converter.json.JacksonJsonHttpMessageConverter;
import org.springframework.mock.http.MockHttpInputMessage;

import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.json.JsonMapper;

/** What a client reads when its JSON body cannot be bound, with the converter Spring MVC uses. */
class UnreadableBodyTest {

    enum Interval { MONTH, YEAR }

    record Line(String sku, long amount) {
    }

    record Plan(java.util.UUID id) {
        Plan {
            java.util.Objects.requireNonNull(id);
        }
    }

    record Order(String note, int quantity, Interval interval, boolean gift, List<Line> lines) {
        Order {
            if (quantity < 0) {
                throw new IllegalArgumentException("quantity must not be negative");
            }
        }
    }

    final JacksonJsonHttpMessageConverter converter = new JacksonJsonHttpMessageConverter(JsonMapper.builder()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES).build());

    @Test
    void aValueOfTheWrongKindNamesTheFieldTheKindExpectedAndWhatWasSent() {
        assertThat(describe("{\"quantity\":\"ten\"}")).isEqualTo("'quantity' must be a whole number (got \"ten\").");
    }

    @Test
    void aFieldInsideAListIsNamedByItsJsonPath() {
        assertThat(describe("{\"lines\":[{\"sku\":\"a\",\"amount\":1},{\"sku\":\"b\",\"amount\":\"x\"}]}"))
                .isEqualTo("'lines[1].amount' must be a whole number (got \"x\").");
    }

    @Test
    void anUnknownEnumValueListsTheAllowedOnes() {
        assertThat(describe("{\"interval\":\"week\"}")).isEqualTo("'interval' must be one of MONTH, YEAR (got \"week\").");
    }

    @Test
    void anObjectWhereAScalarBelongsSaysWhatBelongsThere() {
        assertThat(describe("{\"gift\":{}}")).isEqualTo("'gift' must be true or false.");
    }

    @Test
    void brokenJsonSaysWhereItBroke() {
        assertThat(describe("{\"note\": \"a\",\n \"quantity\": }")).startsWith("The body is not valid JSON (line 2, column");
    }

    @Test
    void aMissingNumberIsNamedAsMissing() {
        assertThat(describe("{\"gift\":true}")).isEqualTo("'quantity' is missing or null; it must be a whole number.");
    }

    @Test
    void anUnknownFieldIsNamed() {
        assertThat(describe("{\"colour\":\"red\",\"quantity\":1,\"gift\":false}")).isEqualTo("The body has a field this request does not take: 'colour'.");
    }

    @Test
    void aRuleOfTheRequestItselfIsPassedOn() {
        assertThat(describe("{\"quantity\":-1,\"gift\":false}")).isEqualTo("quantity must not be negative");
    }

    @Test
    void aLibraryMessageIsNotPassedOnAsIfItWereOurRule() {
        MockHttpInputMessage body = new MockHttpInputMessage("{\"id\":\"not-a-uuid\"}".getBytes(StandardCharsets.UTF_8));
        body.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        String detail = UnreadableBody.describe(catchThrowableOfType(HttpMessageNotReadableException.class,
                () -> converter.read(Plan.class, body)));

        assertThat(detail).startsWith("'id' ").doesNotContain("java.").doesNotContain("dev.tollgate");
    }

    @Test
    void anUnknownFieldNameIsEchoedBoundedAndPrintable() {
        String name = "x".repeat(500) + "\u0007";
        assertThat(describe("{\"" + name + "\":1,\"quantity\":1,\"gift\":false}")).hasSizeLessThan(300).doesNotContain("\u0007");
    }

    @Test
    void aLongValueIsEchoedOnlyInPart() {
        assertThat(describe("{\"quantity\":\"" + "9".repeat(30) + "x".repeat(100) + "\"}"))
                .contains("(got \"" + "9".repeat(30) + "x".repeat(10) + "...\")").doesNotContain("x".repeat(11));
    }

    private String describe(String json) {
        MockHttpInputMessage body = new MockHttpInputMessage(json.getBytes(StandardCharsets.UTF_8));
        body.getHeaders().setContentType(MediaType.APPLICATION_JSON);
        HttpMessageNotReadableException unreadable = catchThrowableOfType(HttpMessageNotReadableException.class,
                () -> converter.read(Order.class, body));
        return UnreadableBody.describe(unreadable);
    }
}
