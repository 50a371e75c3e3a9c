package dev.tollgate.billing.catalog.push;

import java.util.List;
import java.util.Map;

import com.stripe.StripeClient;
import com.stripe.exception.StripeException;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.CatalogFiles;

/**
 * {@code ./tollgate catalog diff|push}: prints what differs between the catalog file
 * ({@code TOLLGATE_CATALOG}, price ids from the same environment variables the service reads) and
 * the Stripe account of {@code STRIPE_API_KEY}, or makes the account match. {@code STRIPE_API_BASE}
 * points it elsewhere than api.stripe.com (a stand-in). Plain Java, no Spring context: it needs no
 * database or Kafka.
 */
public final class CatalogCommand {

    private CatalogCommand() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.getenv()));
    }

    static int run(String[] args, Map<String, String> environment) {
        if (args.length != 1 || !List.of("diff", "push").contains(args[0])) {
            System.err.println("usage: catalog diff|push   (TOLLGATE_CATALOG picks the catalog, STRIPE_API_KEY the account)");
            return 2;
        }
        String key = environment.getOrDefault("STRIPE_API_KEY", "");
        if (key.isBlank()) {
            System.err.println("Set STRIPE_API_KEY to the secret key of the Stripe account to " + args[0] + " against.");
            return 2;
        }
        try {
            Catalog catalog = CatalogFiles.load(environment.getOrDefault("TOLLGATE_CATALOG", CatalogFiles.DEFAULT),
                    CatalogFiles.fromEnvironment(environment));
            StripeClient.StripeClientBuilder client = StripeClient.builder().setApiKey(key).setMaxNetworkRetries(2)
                    .setConnectTimeout(10_000).setReadTimeout(30_000);
            String base = environment.get("STRIPE_API_BASE");
            if (base != null && !base.isBlank()) {
                client.setApiBase(base);
            }
            StripeCatalogSync sync = new StripeCatalogSync(client.build(), catalog);
            boolean push = args[0].equals("push");
            List<CatalogChange> changes = push ? sync.push() : sync.diff();
            System.out.println("Catalog " + catalog.id() + " v" + catalog.version() + (push ? ": pushed" : ": differences"));
            changes.forEach(change -> System.out.println("  " + change));
            sync.warnings().forEach(warning -> System.out.println("  note: " + warning));
            System.out.println(changes.isEmpty() ? "The Stripe account matches the catalog."
                    : changes.size() + (push ? " change(s) made." : " change(s); 'catalog push' makes them."));
            return 0;
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            return 1;
        } catch (StripeException e) {
            System.err.println("Stripe refused or failed: " + e.getMessage());
            return 1;
        }
    }
}
