package dev.tollgate.subscription.signup;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.subscription.SubscriptionSettings;
import dev.tollgate.subscription.account.AccountLifecycle;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.catalog.CatalogPrices;
import dev.tollgate.subscription.catalog.CatalogPrices.PlanPrice;
import dev.tollgate.subscription.lifecycle.Lifecycle;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

/**
 * Starts a trial without a card. It is kept in this service's data ({@code source = local}): no
 * Stripe subscription exists until the customer pays (checkout), and the trial's end is enforced by
 * this service's lifecycle job. One trial per account and per e-mail address: {@code trial_claim}'s
 * unique keys decide, also for two signups at once.
 */
@Service
public class Signup {

    static final String MESSAGE = "Trial started! You have 14 days to explore the platform.";

    private final JdbcClient jdbc;
    private final CatalogPrices catalog;
    private final Subscriptions subscriptions;
    private final AccountLifecycle lifecycle;
    private final SubscriptionSettings settings;
    private final Clock clock;

    Signup(JdbcClient jdbc, CatalogPrices catalog, Subscriptions subscriptions, AccountLifecycle lifecycle,
            SubscriptionSettings settings, Clock clock) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.settings = settings;
        this.clock = clock;
    }

    /** A signup's request: {@code billingCycle} monthly or annual, {@code currency} ISO 4217 (any case). */
    public record SignupRequest(String billingCycle, String currency) {
    }

    /** What the guide's signup answers. {@code pricePerMonth} is in major units, rounded to the currency's digits. */
    public record SignupResponse(TrialView subscription, String message) {
    }

    public record TrialView(String id, String accountId, String userId, String planId, String planName, String status,
            String billingCycle, long amountMinor, String currency, BigDecimal pricePerMonth, long pricePerMonthMinor,
            Instant trialStart, Instant trialEnd, long trialDays) {
    }

    @Transactional
    public SignupResponse start(CallerIdentity caller, SignupRequest request) {
        String interval = interval(request);
        String currency = currency(request);
        if (!catalog.hasCatalog()) {
            throw new ApiProblem(HttpStatus.SERVICE_UNAVAILABLE, "Catalog not yet known",
                    "The plan catalog has not arrived from billing yet (topic tollgate.catalog); try again in a minute.");
        }
        String planId = catalog.defaultPlan(settings.signupPlan()).orElseThrow(() -> new ApiProblem(
                HttpStatus.SERVICE_UNAVAILABLE, "No plan with a trial", "The catalog has no plan with a trial to sign up for."));
        List<PlanPrice> prices = catalog.pricesOf(planId);
        PlanPrice price = prices.stream().filter(p -> p.interval().equals(interval) && p.currency().equals(currency)).findFirst()
                .orElseThrow(() -> ApiProblem.badRequest("Plan " + planId + " has no " + request.billingCycle() + " price in "
                        + currency.toUpperCase(Locale.ROOT) + "; it is sold as: " + prices.stream()
                                .map(p -> cycle(p.interval()) + " " + p.currency().toUpperCase(Locale.ROOT)).distinct().toList()));

        AccountLifecycle.Locked account = lifecycle.lock(caller.accountId());
        if (!subscriptions.allOf(caller.accountId()).isEmpty()) {
            throw conflict("Account " + caller.accountId() + " already has a subscription; a trial is only for a new account.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int trialDays = price.trialDays() == null || price.trialDays() <= 0 ? settings.trialDays() : price.trialDays();
        Instant trialEnd = now.plus(Duration.ofDays(trialDays));
        String subscriptionId = "sub_trial_" + UUID.randomUUID().toString().replace("-", "");
        claim(caller, subscriptionId, now);

        SubscriptionState trial = new SubscriptionState(subscriptionId, caller.accountId(), planId, SubscriptionStatus.TRIALING,
                interval, trialEnd, trialEnd, false, price.amountMinor(), currency, caller.email(), now, null, now, now,
                SubscriptionState.LOCAL, null, null);
        SubscriptionState started = lifecycle.guard(null, LifecycleInput.TRIAL_STARTED, trial, now).orElseThrow();
        lifecycle.save(started);
        lifecycle.publish(account, now, null);

        BigDecimal perMonthMinor = Lifecycle.Money.perMonth(price.amountMinor(), interval);
        int digits = Math.max(0, fractionDigits(currency));
        return new SignupResponse(new TrialView(subscriptionId, caller.accountId(), caller.userId(), planId, price.planName(),
                started.status().wireName(), request.billingCycle().toLowerCase(Locale.ROOT), price.amountMinor(), currency,
                perMonthMinor.movePointLeft(digits).setScale(digits, RoundingMode.HALF_EVEN),
                perMonthMinor.setScale(0, RoundingMode.HALF_EVEN).longValueExact(), now, trialEnd, trialDays), MESSAGE);
    }

    /** Claims the account's and the address's one trial; a second claim of either is a 409. */
    private void claim(CallerIdentity caller, String subscriptionId, Instant now) {
        String email = caller.email() == null || caller.email().isBlank() ? null : caller.email().trim().toLowerCase(Locale.ROOT);
        if (email != null && jdbc.sql("SELECT EXISTS (SELECT 1 FROM trial_claim WHERE email = :email)").param("email", email)
                .query(Boolean.class).single()) {
            throw conflict("The address " + email + " already had its trial; one trial per e-mail address.");
        }
        int claimed = jdbc.sql("""
                INSERT INTO trial_claim (account_id, email, subscription_id, claimed_at) VALUES (:account, :email, :subscription, :at)
                ON CONFLICT DO NOTHING""")
                .param("account", caller.accountId()).param("email", email).param("subscription", subscriptionId)
                .param("at", Timestamp.from(now)).update();
        if (claimed == 0) {
            throw conflict("Account " + caller.accountId() + " or the address " + email + " already had its trial; one trial each.");
        }
    }

    private static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Trial already used", detail);
    }

    private static String interval(SignupRequest request) {
        String cycle = request == null || request.billingCycle() == null ? "" : request.billingCycle().toLowerCase(Locale.ROOT);
        return switch (cycle) {
            case "monthly" -> "month";
            case "annual" -> "year";
            default -> throw ApiProblem.badRequest("billingCycle must be \"monthly\" or \"annual\".");
        };
    }

    private static String currency(SignupRequest request) {
        String currency = request.currency() == null ? "" : request.currency().trim().toLowerCase(Locale.ROOT);
        if (!currency.matches("[a-z]{3}")) {
            throw ApiProblem.badRequest("currency must be an ISO 4217 code such as \"USD\".");
        }
        return currency;
    }

    private static String cycle(String interval) {
        return "year".equals(interval) ? "annual" : "month".equals(interval) ? "monthly" : interval;
    }

    private static int fractionDigits(String currency) {
        try {
            return Currency.getInstance(currency.toUpperCase(Locale.ROOT)).getDefaultFractionDigits();
        } catch (IllegalArgumentException unknown) {
            return 2;
        }
    }
}
