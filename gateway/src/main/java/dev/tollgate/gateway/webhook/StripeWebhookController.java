package dev.tollgate.gateway.webhook;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import com.stripe.exception.SignatureVerificationException;
import com.stripe.model.Event;
import com.stripe.net.ApiResource;
import com.stripe.net.Webhook;

import dev.tollgate.platform.web.ApiProblem;

@RestController
class StripeWebhookController {

    private static final Logger log = LoggerFactory.getLogger(StripeWebhookController.class);

    private final StripeWebhookSettings settings;
    private final RawStripeEventPublisher publisher;

    StripeWebhookController(StripeWebhookSettings settings, RawStripeEventPublisher publisher) {
        this.settings = settings;
        this.publisher = publisher;
    }

    @PostMapping("/webhooks/stripe")
    Map<String, Object> receive(HttpServletRequest request) throws IOException {
        String payload = readBounded(request);
        String signature = request.getHeader("Stripe-Signature");
        if (signature == null || signature.isBlank()) {
            throw ApiProblem.badRequest("The Stripe-Signature header is missing.");
        }
        try {
            Webhook.Signature.verifyHeader(payload, signature, settings.secret(), settings.tolerance().toSeconds());
        } catch (SignatureVerificationException e) {
            throw ApiProblem.badRequest("The Stripe-Signature does not match this payload and endpoint secret, "
                    + "or its timestamp is outside the " + settings.tolerance().toSeconds() + " s tolerance.");
        } catch (RuntimeException e) {
            // stripe-java parses the header's parts as it finds them (t=abc is a NumberFormatException).
            throw ApiProblem.badRequest("The Stripe-Signature header is malformed; expected t=<timestamp>,v1=<signature>.");
        }
        StripeEventShape.require(payload);
        Event event;
        try {
            event = ApiResource.GSON.fromJson(payload, Event.class);
        } catch (RuntimeException e) {
            throw ApiProblem.badRequest("The payload is not a Stripe event: a field has the wrong JSON type.");
        }
        publisher.publish(event, payload);
        log.info("Accepted Stripe event {} ({})", event.getId(), event.getType());
        return Map.of("received", true, "id", event.getId());
    }

    private String readBounded(HttpServletRequest request) throws IOException {
        long limit = settings.maxPayload().toBytes();
        if (request.getContentLengthLong() > limit) {
            throw tooLarge(limit);
        }
        try (InputStream body = request.getInputStream()) {
            byte[] bytes = body.readNBytes((int) limit + 1);
            if (bytes.length > limit) {
                throw tooLarge(limit);
            }
            return new String(bytes, StandardCharsets.UTF_8);
        }
    }

    private static ApiProblem tooLarge(long limit) {
        return new ApiProblem(HttpStatus.CONTENT_TOO_LARGE, "Payload too large",
                "A Stripe webhook payload may have at most " + limit + " bytes.");
    }
}
