package dev.tollgate.billing.stripeapi;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;

import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.CheckedSupplier;
import io.github.resilience4j.retry.RetryRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The Stripe API calls billing-service makes, each guarded and timed. Never call it while holding a row lock. */
@Component
public class StripeApi {

    public static final String CALLS_METRIC = "tollgate.stripe.api.calls";
    public static final String ERRORS_METRIC = "tollgate.stripe.api.errors";

    private static final Logger log = LoggerFactory.getLogger(StripeApi.class);
    private static final int NOT_FOUND = 404;

    private final StripeClient stripe;
    private final CircuitBreaker breaker;
    private final RetryRegistry retries;
    private final MeterRegistry meters;
    private final JsonMapper json;

    StripeApi(StripeClient stripe, CircuitBreaker stripeCircuitBreaker, RetryRegistry stripeRetries, MeterRegistry meters,
            JsonMapper json) {
        this.stripe = stripe;
        this.breaker = stripeCircuitBreaker;
        this.retries = stripeRetries;
        this.meters = meters;
        this.json = json;
    }

    /**
     * The customer's e-mail ({@code GET /v1/customers/{id}}). Empty when the customer has none, or
     * when Stripe has no such customer (then there is no one to write to). Any other failure throws
     * {@link StripeUnavailableException}.
     */
    public Optional<String> customerEmail(String customerId) {
        Optional<String> email = call("customers.retrieve", customerId,
                () -> Optional.ofNullable(stripe.v1().customers().retrieve(customerId).getEmail()), false);
        return email == null ? Optional.empty() : email;
    }

    /**
     * The subscription as Stripe holds it now ({@code GET /v1/subscriptions/{id}}), in the same JSON
     * shape as a webhook's {@code data.object}. Empty when Stripe cannot give it to us (any 4xx, e.g. an
     * object of another account or mode, or a stand-in that does not serve it): the caller then decides
     * without it. I/O, 429 and 5xx throw {@link StripeUnavailableException} after the retries.
     */
    public Optional<JsonNode> subscription(String subscriptionId) {
        return Optional.ofNullable(call("subscriptions.retrieve", subscriptionId,
                () -> json.readTree(stripe.v1().subscriptions().retrieve(subscriptionId).getLastResponse().body()), true));
    }

    /**
     * The line items of a checkout session ({@code GET /v1/checkout/sessions/{id}/line_items}): webhooks do
     * not carry them. The list's JSON as Stripe sends it; a 4xx or any other failure throws
     * {@link StripeUnavailableException} (the event is retried: a purchase is never recorded without its product).
     */
    public JsonNode checkoutLineItems(String sessionId) {
        return call("checkout.sessions.line_items", sessionId, () -> json.readTree(stripe.rawRequest(
                com.stripe.net.ApiResource.RequestMethod.GET, "/v1/checkout/sessions/" + sessionId + "/line_items?limit=100",
                null).body()), false);
    }

    /**
     * A write to Stripe ({@code POST path} with {@code form} as Stripe's form encoding, keys already in
     * Stripe's bracket notation, e.g. {@code line_items[0][price]}), carrying {@code idempotencyKey}: Stripe
     * answers a repeat of the same key with the first answer, so a retry or a replay never creates a second
     * object. Returns Stripe's JSON. A 4xx (Stripe refusing the request) throws {@link StripeRefusedException}
     * with Stripe's message; I/O, 429, 5xx and an open breaker throw {@link StripeUnavailableException}.
     */
    public JsonNode post(String operation, String path, java.util.Map<String, String> form, String idempotencyKey) {
        String content = form.entrySet().stream()
                .map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(java.util.stream.Collectors.joining("&"));
        com.stripe.net.RawRequestOptions options = com.stripe.net.RawRequestOptions.builder()
                .setIdempotencyKey(idempotencyKey).build();
        try {
            return call(operation, idempotencyKey, () -> json.readTree(stripe.rawRequest(
                    com.stripe.net.ApiResource.RequestMethod.POST, path, content, options).body()), false, true);
        } catch (StripeRefusedException e) {
            throw e;
        }
    }

    private static String encode(String value) {
        return java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8);
    }

    private <T> T call(String operation, String id, CheckedSupplier<T> request, boolean anyClientError) {
        return call(operation, id, request, anyClientError, false);
    }

    /**
     * Runs {@code request} through retry and breaker. Returns null for a non-retryable 4xx where the
     * operation allows it ({@code anyClientError}) or for a 404; otherwise a failure throws.
     */
    private <T> T call(String operation, String id, CheckedSupplier<T> request, boolean anyClientError,
            boolean refuseClientError) {
        Timer.Sample sample = Timer.start(meters);
        String outcome = "failed";
        try {
            T result = retries.retry(operation).executeCheckedSupplier(breaker.decorateCheckedSupplier(request));
            outcome = "ok";
            return result;
        } catch (StripeException e) {
            int status = StripeFailures.statusOf(e);
            if (refuseClientError && !StripeFailures.isRetryable(e) && status >= 400 && status < 500) {
                outcome = "client_error";
                log.warn("Stripe refused {} {} ({}): {}", operation, id, status, e.getMessage());
                throw new StripeRefusedException(operation, status, e.getStripeError() == null ? e.getMessage()
                        : e.getStripeError().getMessage(), e);
            }
            if (!StripeFailures.isRetryable(e) && (status == NOT_FOUND || (anyClientError && status >= 400 && status < 500))) {
                outcome = "client_error";
                log.warn("Stripe answered {} to {} {}: {}", status, operation, id, e.getMessage());
                return null;
            }
            throw new StripeUnavailableException("Stripe's API failed " + operation + " " + id + " (status " + status
                    + "): " + e.getMessage(), e);
        } catch (CallNotPermittedException e) {
            outcome = "rejected";
            throw new StripeUnavailableException("Stripe's API is failing; the circuit breaker holds back " + operation
                    + " " + id + " for now", e);
        } catch (Error e) {
            throw e;
        } catch (Throwable e) {
            throw new StripeUnavailableException("Stripe's API call " + operation + " " + id + " failed: " + e, e);
        } finally {
            if (!"ok".equals(outcome)) {
                meters.counter(ERRORS_METRIC, "operation", operation, "outcome", outcome).increment();
            }
            sample.stop(Timer.builder(CALLS_METRIC)
                    .description("Calls to Stripe's API, retries included, by operation and outcome")
                    .tag("operation", operation)
                    .tag("outcome", outcome)
                    .register(meters));
        }
    }
}
