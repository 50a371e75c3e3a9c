package dev.tollgate.billing.checkout;

import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;

import dev.tollgate.billing.catalog.Catalog;
import dev.tollgate.billing.catalog.PlanCatalog;
import dev.tollgate.billing.stripeapi.StripeApi;
import dev.tollgate.billing.stripeapi.StripeRefusedException;
import dev.tollgate.platform.data.consumer.EventConsumer;
import dev.tollgate.platform.data.consumer.EventSubscription;
import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.events.Topics;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Stripe side of a signup's trial (issue 7, item 1). subscription-service starts a card-less trial
 * on its own ({@code subscription.trial_started.v1} of a {@code sub_trial_} subscription, its
 * {@code source = local}); billing then creates the Stripe customer (metadata {@code organization_id})
 * and a trialing Stripe subscription of the same plan, interval and currency whose trial ends when the
 * local one does, saving the card a later checkout or portal visit adds
 * ({@code payment_settings.save_default_payment_method=on_subscription}) and canceled by Stripe when
 * the trial ends without one ({@code trial_settings.end_behavior.missing_payment_method=cancel}).
 * Both writes carry idempotency keys derived from the event id, so a redelivered event creates nothing twice.
 * <p>
 * When an operator extends the trial ({@code subscription.trial_extended.v1}), the account's trialing
 * Stripe subscriptions get the new {@code trial_end} (without proration), so Stripe does not end or
 * charge the trial before subscription-service does.
 */
@Component
class SignupTrials implements EventConsumer {

    static final String CONSUMER = "billing-service.signup-trials";
    static final String TRIAL_STARTED = "subscription.trial_started.v1";
    static final String TRIAL_EXTENDED = "subscription.trial_extended.v1";
    /** subscription-service's id prefix for a trial it keeps itself (no Stripe subscription yet). */
    static final String LOCAL_TRIAL_PREFIX = "sub_trial_";

    private static final Logger log = LoggerFactory.getLogger(SignupTrials.class);

    private final JsonMapper json;
    private final PlanCatalog catalog;
    private final AccountBilling accounts;
    private final StripeApi stripe;
    private final Clock clock;
    private final JdbcClient jdbc;

    SignupTrials(JsonMapper json, PlanCatalog catalog, AccountBilling accounts, StripeApi stripe, Optional<Clock> clock,
            JdbcClient jdbc) {
        this.jdbc = jdbc;
        this.json = json;
        this.catalog = catalog;
        this.accounts = accounts;
        this.stripe = stripe;
        this.clock = clock.orElse(Clock.systemUTC());
    }

    /** What billing reads of subscription-service's event. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TrialStarted(String eventId, String accountId, String subscriptionId, String planId, String billingInterval,
            Instant trialEnd, String currency, String email) {
    }

    /** What billing reads of an operator's trial extension. */
    @JsonIgnoreProperties(ignoreUnknown = true)
    record TrialExtended(String eventId, String accountId, Instant trialEnd) {
    }

    @Override
    public EventSubscription subscription() {
        return EventSubscription.named(CONSUMER).from(Topics.SUBSCRIPTION)
                .on(TRIAL_STARTED, envelope -> start(envelope.dataAs(TrialStarted.class, json)))
                .on(TRIAL_EXTENDED, envelope -> extend(envelope.dataAs(TrialExtended.class, json)));
    }

    void extend(TrialExtended extension) {
        if (extension.eventId() == null || extension.accountId() == null || extension.trialEnd() == null) {
            throw new MalformedEventException(TRIAL_EXTENDED + " " + extension.eventId() + " lacks the account or the new trial end");
        }
        // Only ever later: a replayed older extension (from the dead-letter topic, say) must not shorten the trial.
        List<String> trialing = jdbc.sql("SELECT subscription_id FROM stripe_subscription WHERE account_id = :account "
                + "AND status = 'trialing' AND (trial_end IS NULL OR trial_end < :end)")
                .param("account", extension.accountId()).param("end", java.sql.Timestamp.from(extension.trialEnd()))
                .query(String.class).list();
        if (trialing.isEmpty()) {
            log.info("Account {} has no trialing Stripe subscription; its trial extension to {} stays local",
                    extension.accountId(), extension.trialEnd());
            return;
        }
        for (String subscription : trialing) {
            Map<String, String> form = new LinkedHashMap<>();
            form.put("trial_end", Long.toString(extension.trialEnd().getEpochSecond()));
            form.put("proration_behavior", "none");
            try {
                stripe.post("subscriptions.update", "/v1/subscriptions/" + subscription, form,
                        "tollgate-trial-extension-" + extension.eventId() + "-" + subscription);
                log.info("Stripe subscription {} of {} now ends its trial at {}", subscription, extension.accountId(),
                        extension.trialEnd());
            } catch (StripeRefusedException e) {
                throw new MalformedEventException("Stripe refused to move the trial end of " + subscription + ": " + e.getMessage());
            }
        }
    }

    void start(TrialStarted trial) {
        if (trial.subscriptionId() == null || !trial.subscriptionId().startsWith(LOCAL_TRIAL_PREFIX)) {
            return; // a Stripe subscription's trial: Stripe has it already
        }
        if (trial.eventId() == null || trial.accountId() == null || trial.planId() == null || trial.trialEnd() == null
                || trial.currency() == null || trial.billingInterval() == null) {
            throw new MalformedEventException(TRIAL_STARTED + " " + trial.eventId() + " lacks the account, plan, interval, "
                    + "currency or trial end a Stripe trial needs");
        }
        if (!trial.trialEnd().isAfter(clock.instant())) {
            log.info("Trial {} of {} has already ended; no Stripe trial is created for it", trial.subscriptionId(), trial.accountId());
            return;
        }
        AccountBilling.Account account = accounts.of(trial.accountId());
        if (account.everSubscribed()) {
            log.info("Account {} already has a Stripe subscription; its signup trial {} stays local", trial.accountId(),
                    trial.subscriptionId());
            return;
        }
        Catalog.Price price = trialPrice(trial).orElseThrow(() -> new MalformedEventException("the catalog sells plan "
                + trial.planId() + " with no " + trial.billingInterval() + " trial price in " + trial.currency()));
        try {
            String customer = account.customerId().orElseGet(() -> createCustomer(trial));
            Map<String, String> form = new LinkedHashMap<>();
            form.put("customer", customer);
            form.put("items[0][price]", price.id());
            form.put("items[0][quantity]", "1");
            form.put("trial_end", Long.toString(trial.trialEnd().getEpochSecond()));
            form.put("payment_settings[save_default_payment_method]", "on_subscription");
            form.put("trial_settings[end_behavior][missing_payment_method]", "cancel");
            form.put("metadata[organization_id]", trial.accountId());
            form.put("metadata[signup_trial]", trial.subscriptionId());
            String id = stripe.post("subscriptions.create", "/v1/subscriptions", form, "tollgate-signup-trial-" + trial.eventId())
                    .path("id").asString();
            log.info("Signup trial {} of {} is Stripe subscription {} (customer {}), trial end {}", trial.subscriptionId(),
                    trial.accountId(), id, customer, trial.trialEnd());
        } catch (StripeRefusedException e) {
            // Retrying a refused request changes nothing: dead-lettered with Stripe's reason, for an operator to replay.
            throw new MalformedEventException("Stripe refused the signup trial of " + trial.accountId() + ": " + e.getMessage());
        }
    }

    private String createCustomer(TrialStarted trial) {
        Map<String, String> form = new LinkedHashMap<>();
        if (trial.email() != null && !trial.email().isBlank()) {
            form.put("email", trial.email());
        }
        form.put("metadata[organization_id]", trial.accountId());
        return stripe.post("customers.create", "/v1/customers", form, "tollgate-signup-customer-" + trial.eventId())
                .path("id").asString();
    }

    /** The plan's price for new signups in the trial's interval and currency (a trial price, not a legacy one). */
    private Optional<Catalog.Price> trialPrice(TrialStarted trial) {
        return catalog.catalog().product(trial.planId()).stream().flatMap(product -> product.prices().stream())
                .filter(p -> p.recurring() && !p.legacy() && trial.billingInterval().equalsIgnoreCase(p.interval())
                        && trial.currency().equalsIgnoreCase(p.currency()))
                .findFirst();
    }
}
