package dev.tollgate.local;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import dev.tollgate.stripe.emulator.StripeEmulator;

/**
 * The offline Stripe of a local run (module {@code stripe-emulator}): it knows the products and prices
 * of billing's catalog files, and delivers its webhooks to the gateway signed with the secret the
 * gateway verifies ({@code STRIPE_WEBHOOK_SECRET}, else the local profile's development value).
 */
final class LocalStripe {

    private static final Path CATALOGS = Path.of("billing-service", "src", "main", "resources", "catalogs");
    private static final URI GATEWAY_WEBHOOKS = URI.create("http://localhost:8080/webhooks/stripe");

    private LocalStripe() {
    }

    static AutoCloseable start(int port) throws IOException {
        List<Path> catalogs;
        try (Stream<Path> files = Files.list(CATALOGS)) {
            catalogs = files.filter(f -> f.toString().endsWith(".yml")).sorted().toList();
        }
        StripeEmulator emulator = StripeEmulator.start(StripeEmulator.Settings.of(port, GATEWAY_WEBHOOKS, webhookSecret(), catalogs)
                .adoptingUnknownCustomers());
        return emulator;
    }

    /** The secret the local gateway verifies with: the one {@code ./tollgate webhook-secret} prints. */
    static String webhookSecret() throws IOException {
        String configured = System.getenv("STRIPE_WEBHOOK_SECRET");
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        try (InputStream in = LocalStripe.class.getResourceAsStream("/tollgate-local.yml")) {
            if (in == null) {
                throw new IllegalStateException("tollgate-local.yml (platform) is not on the launcher's classpath");
            }
            Matcher m = Pattern.compile("secret: \\$\\{STRIPE_WEBHOOK_SECRET:([^}]*)}")
                    .matcher(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            if (!m.find()) {
                throw new IllegalStateException("tollgate-local.yml names no development webhook secret");
            }
            return m.group(1);
        }
    }
}
