package dev.tollgate.entitlement.meter;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import com.fasterxml.jackson.annotation.JsonInclude;

import dev.tollgate.entitlement.grant.AccountEntitlements;
import dev.tollgate.entitlement.grant.CurrentGrants;
import dev.tollgate.entitlement.plan.Entitlement;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/**
 * The caller's account's entitlements and meters, for frontends and for the customer's own services
 * (through the gateway, {@code /api/entitlements/**}). Every call is scoped to the caller's account.
 * Answers come from this service's own data: the grant from memory, the meter from one indexed row.
 */
@RestController
class MeterController {

    /** The role of the customer's backend that reports measured gauges. */
    static final String USAGE_REPORTER = "usage_reporter";

    private static final long DEFAULT_RESERVATION_SECONDS = 300;

    private final CurrentGrants grants;
    private final Meters meters;
    private final Clock clock;

    MeterController(CurrentGrants grants, Meters meters, Clock clock) {
        this.grants = grants;
        this.meters = meters;
        this.clock = clock;
    }

    /**
     * The grant ({@code features}, as {@code entitlements.changed.v1} carries it) and, for each limited
     * feature, its meter ({@code usage}: limit, used, remaining, resetsAt). An account without a
     * subscription has none.
     */
    @GetMapping("/api/entitlements/me")
    EntitlementsView mine(CallerIdentity caller) {
        Instant now = clock.instant();
        return grants.of(caller.accountId())
                .map(grant -> new EntitlementsView(grant.accountId(), grant.planId(), grant.subscriptionStatus(), grant.features(),
                        usageViews(meters.usage(grant.accountId(), grant.features(), now))))
                .orElse(new EntitlementsView(caller.accountId(), null, null, Map.of(), Map.of()));
    }

    /** A check: whether the account may use {@code amount} (default 1) more of the feature now, or whether a flag is on. */
    @GetMapping("/api/entitlements/me/{feature}")
    CheckView check(CallerIdentity caller, @PathVariable String feature, @RequestParam(defaultValue = "1") long amount) {
        AccountEntitlements grant = grants.of(caller.accountId()).orElse(null);
        String key = Meters.ALIASES.getOrDefault(feature, feature);
        Entitlement entitlement = grant == null ? null : grant.features().get(key);
        if (entitlement == null || !entitlement.countable()) {
            boolean allowed = entitlement != null && (Boolean.TRUE.equals(entitlement.enabled()) || entitlement.value() != null
                    && !"none".equals(entitlement.value()));
            return new CheckView(key, allowed, entitlement == null ? null : entitlement.enabled(),
                    entitlement == null ? null : entitlement.value(), null);
        }
        if (amount < 1) {
            throw ApiProblem.badRequest("amount must be 1 or more, the units the caller wants to use.");
        }
        Meters.Usage usage = meters.check(caller.accountId(), feature);
        boolean allowed = usage.remaining() == Entitlement.UNLIMITED || usage.remaining() >= amount;
        return new CheckView(key, allowed, null, null, UsageView.of(usage));
    }

    @PostMapping("/api/entitlements/me/{feature}/consume")
    ConsumeView consume(CallerIdentity caller, @PathVariable String feature, @RequestBody(required = false) ConsumeRequest request,
            @RequestHeader(name = "Idempotency-Key", required = false) String idempotencyHeader) {
        if (request == null || request.amount() == null) {
            throw ApiProblem.badRequest("Send a JSON body with amount (1 or more) and, to make retries safe, idempotencyKey.");
        }
        String key = request.idempotencyKey() != null ? request.idempotencyKey() : idempotencyHeader;
        Meters.Outcome outcome = meters.consume(caller.accountId(), feature, request.amount(), key);
        if (!outcome.granted()) {
            throw denied(outcome);
        }
        return new ConsumeView(outcome.usage().feature(), true, outcome.requested(), outcome.repeated(), UsageView.of(outcome.usage()));
    }

    @PostMapping("/api/entitlements/me/{feature}/reservations")
    ReservationView reserve(CallerIdentity caller, @PathVariable String feature,
            @RequestBody(required = false) ReservationRequest request) {
        if (request == null || request.amount() == null) {
            throw ApiProblem.badRequest("Send a JSON body with amount (1 or more) and expiresInSeconds (default 300).");
        }
        long seconds = request.expiresInSeconds() == null ? DEFAULT_RESERVATION_SECONDS : request.expiresInSeconds();
        Meters.Outcome outcome = meters.reserve(caller.accountId(), feature, request.amount(), Duration.ofSeconds(seconds));
        if (!outcome.granted()) {
            throw denied(outcome);
        }
        return new ReservationView(outcome.reservationId(), outcome.usage().feature(), outcome.requested(), outcome.expiresAt(),
                "held", UsageView.of(outcome.usage()));
    }

    @PostMapping("/api/entitlements/me/{feature}/reservations/{reservationId}/confirm")
    UsageView confirm(CallerIdentity caller, @PathVariable String feature, @PathVariable UUID reservationId) {
        return UsageView.of(meters.confirm(caller.accountId(), feature, reservationId));
    }

    @PostMapping("/api/entitlements/me/{feature}/reservations/{reservationId}/release")
    UsageView release(CallerIdentity caller, @PathVariable String feature, @PathVariable UUID reservationId) {
        return UsageView.of(meters.release(caller.accountId(), feature, reservationId));
    }

    /** A gauge (users, storage, contacts): what the caller measured now. */
    @PutMapping("/api/entitlements/me/{feature}/usage")
    UsageView setUsage(CallerIdentity caller, @PathVariable String feature, @RequestBody(required = false) GaugeRequest request) {
        // A gauge set lower frees room under a limit that never resets (seats, storage, contacts): only the
        // customer's product, reporting what it measured, may set it, never a user of the account.
        if (!caller.hasRole(USAGE_REPORTER)) {
            throw ApiProblem.forbidden("Setting measured usage needs the role " + USAGE_REPORTER
                    + " (the product's backend that measures it); users of the account may read it.");
        }
        if (request == null || request.used() == null) {
            throw ApiProblem.badRequest("Send a JSON body with used (0 or more).");
        }
        return UsageView.of(meters.setUsage(caller.accountId(), feature, request.used()));
    }

    /** 429 with what the caller needs to back off: limit, used, remaining, resetsAt and Retry-After. */
    private ApiProblem denied(Meters.Outcome outcome) {
        Meters.Usage usage = outcome.usage();
        ApiProblem problem = new ApiProblem(HttpStatus.TOO_MANY_REQUESTS, "Limit reached",
                "'%s' has %d of %d left%s; %d requested.".formatted(usage.feature(), usage.remaining(), usage.limit(),
                        usage.resetsAt() == null ? "" : " until " + usage.resetsAt(), outcome.requested()));
        problem.getBody().setProperty("feature", usage.feature());
        problem.getBody().setProperty("limit", usage.limit());
        problem.getBody().setProperty("used", usage.used());
        problem.getBody().setProperty("reserved", usage.reserved());
        problem.getBody().setProperty("remaining", usage.remaining());
        problem.getBody().setProperty("requested", outcome.requested());
        if (usage.resetsAt() != null) {
            problem.getBody().setProperty("resetsAt", usage.resetsAt().toString());
            problem.getHeaders().set("Retry-After",
                    Long.toString(Math.max(1, Duration.between(clock.instant(), usage.resetsAt()).toSeconds())));
        }
        return problem;
    }

    private static Map<String, UsageView> usageViews(Map<String, Meters.Usage> usage) {
        Map<String, UsageView> views = new TreeMap<>();
        usage.forEach((feature, meter) -> views.put(feature, UsageView.of(meter)));
        return views;
    }

    record EntitlementsView(String accountId, String planId, String subscriptionStatus, Map<String, Entitlement> features,
            Map<String, UsageView> usage) {
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record UsageView(String feature, long limit, String period, long used, long reserved, long remaining, Long credits,
            Instant periodStart, Instant resetsAt) {

        static UsageView of(Meters.Usage usage) {
            return new UsageView(usage.feature(), usage.limit(), usage.period(), usage.used(), usage.reserved(), usage.remaining(),
                    usage.credits() == 0 ? null : usage.credits(), usage.periodStart(), usage.resetsAt());
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record CheckView(String feature, boolean allowed, Boolean enabled, String value, UsageView usage) {
    }

    record ConsumeView(String feature, boolean granted, long amount, boolean repeated, UsageView usage) {
    }

    record ReservationView(UUID reservationId, String feature, long amount, Instant expiresAt, String state, UsageView usage) {
    }

    record ConsumeRequest(Long amount, String idempotencyKey) {
    }

    record ReservationRequest(Long amount, Long expiresInSeconds) {
    }

    record GaugeRequest(Long used) {
    }
}
