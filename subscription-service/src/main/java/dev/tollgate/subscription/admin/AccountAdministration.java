package dev.tollgate.subscription.admin;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;
import dev.tollgate.subscription.account.AccountLifecycle;
import dev.tollgate.subscription.api.Subscriptions;
import dev.tollgate.subscription.grant.PlanGrants;
import dev.tollgate.subscription.lifecycle.EffectiveSubscription;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionEvent.Details;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;
import dev.tollgate.subscription.lifecycle.Transition;

/** The admin actions on accounts, each in one transaction with its audit entry and its events. */
@Service
class AccountAdministration {

    static final int PAGE_SIZE = 20;

    private final Subscriptions subscriptions;
    private final AccountLifecycle lifecycle;
    private final AdminAudit audit;
    private final JdbcClient jdbc;
    private final Clock clock;
    private final PlanGrants grants;
    private final ImpersonationTokens impersonation;

    AccountAdministration(Subscriptions subscriptions, AccountLifecycle lifecycle, AdminAudit audit, JdbcClient jdbc,
            Clock clock, PlanGrants grants, ImpersonationTokens impersonation) {
        this.grants = grants;
        this.impersonation = impersonation;
        this.subscriptions = subscriptions;
        this.lifecycle = lifecycle;
        this.audit = audit;
        this.jdbc = jdbc;
        this.clock = clock;
    }

    /** One account in a list: its effective subscription. */
    record AccountSummary(String accountId, String subscriptionId, String planId, String status, String email,
            Instant trialEnd, Instant currentPeriodEnd, long amountMinor, String currency, String source) {

        static AccountSummary of(SubscriptionState state) {
            return new AccountSummary(state.accountId(), state.subscriptionId(), state.planId(), state.status().wireName(),
                    state.email(), state.trialEnd(), state.currentPeriodEnd(), state.amountMinor(), state.currency(),
                    state.source());
        }
    }

    record AccountPage(List<AccountSummary> accounts, int page, int size, long total) {
    }

    /** @param grants plans purchases include for a while (Build Sprint), with how far each is paid; the latest first */
    record AccountDetail(AccountSummary account, List<SubscriptionState> subscriptions, List<PlanGrants.Grant> grants,
            List<AdminAudit.Entry> audit) {
    }

    /**
     * Accounts by their effective subscription, filtered by status and plan and by {@code query} (a part
     * of the account id or e-mail), 20 per page, by account id. Reads every subscription: fine for the
     * thousands of accounts a deployment has today; a projection table would take over beyond that.
     */
    @Transactional(readOnly = true)
    AccountPage list(String status, String plan, String query, int page) {
        if (page < 0) {
            throw ApiProblem.badRequest("page starts at 0.");
        }
        String wantedStatus = status == null || status.isBlank() ? null : status.toLowerCase(Locale.ROOT);
        if (wantedStatus != null && java.util.Arrays.stream(SubscriptionStatus.values()).noneMatch(s -> s.wireName().equals(wantedStatus))) {
            throw ApiProblem.badRequest("status must be one of " + java.util.Arrays.stream(SubscriptionStatus.values())
                    .map(SubscriptionStatus::wireName).toList() + ".");
        }
        String needle = query == null || query.isBlank() ? null : query.toLowerCase(Locale.ROOT);
        Map<String, List<SubscriptionState>> byAccount = subscriptions.all().stream()
                .collect(Collectors.groupingBy(SubscriptionState::accountId));
        Map<String, Integer> ranks = subscriptions.planRanks();
        List<AccountSummary> matching = byAccount.values().stream().map(all -> EffectiveSubscription.of(all, ranks))
                .flatMap(Optional::stream)
                .filter(s -> wantedStatus == null || s.status().wireName().equals(wantedStatus))
                .filter(s -> plan == null || plan.isBlank() || s.planId().equals(plan))
                .filter(s -> needle == null || s.accountId().toLowerCase(Locale.ROOT).contains(needle)
                        || (s.email() != null && s.email().toLowerCase(Locale.ROOT).contains(needle)))
                .sorted(Comparator.comparing(SubscriptionState::accountId)).map(AccountSummary::of).toList();
        int from = (int) Math.min(matching.size(), Math.max(0L, (long) page * PAGE_SIZE));
        return new AccountPage(matching.subList(from, Math.min(matching.size(), from + PAGE_SIZE)), page, PAGE_SIZE,
                matching.size());
    }

    @Transactional(readOnly = true)
    AccountDetail detail(String accountId) {
        List<SubscriptionState> all = subscriptions.allOf(accountId);
        SubscriptionState effective = EffectiveSubscription.of(all, subscriptions.planRanks()).orElseThrow(() -> unknown(accountId));
        return new AccountDetail(AccountSummary.of(effective), all, grants.of(accountId), audit.read(accountId, 0, 100));
    }

    /**
     * Moves the trial's end {@code days} later (from now when it already passed). A trial started here
     * only (a trial begun at a Stripe checkout is Stripe's to move). The trial's reminders are armed
     * again for the new end, and {@code subscription.trial_extended.v1} tells billing-service, which
     * moves the end of the signup trial's Stripe subscription with it.
     */
    @Transactional
    AccountSummary extendTrial(CallerIdentity admin, String accountId, int days, String reason) {
        if (days < 1 || days > 90) {
            throw ApiProblem.badRequest("days must be between 1 and 90.");
        }
        String why = requireReason(reason);
        AccountLifecycle.Locked account = lifecycle.lock(accountId);
        SubscriptionState before = account.effective().orElseThrow(() -> unknown(accountId));
        if (before.status() != SubscriptionStatus.TRIALING && before.status() != SubscriptionStatus.EXPIRED) {
            throw conflict("Account " + accountId + " is " + before.status().wireName() + ", not in a trial.");
        }
        if (!SubscriptionState.LOCAL.equals(before.source())) {
            throw conflict("Account " + accountId + "'s trial is a Stripe subscription (" + before.subscriptionId()
                    + ") begun at a Stripe checkout; its end is moved in Stripe (the dashboard or the API), not here.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        Instant from = before.trialEnd() == null || before.trialEnd().isBefore(now) ? now : before.trialEnd();
        Instant newEnd = from.plus(Duration.ofDays(days));
        SubscriptionState held = subscriptions.lockById(before.subscriptionId()).orElseThrow();
        SubscriptionState next = lifecycle.guard(held, LifecycleInput.TRIAL_EXTENDED, held.withTrialEnd(newEnd), now)
                .orElseThrow(() -> conflict("The trial of " + accountId + " cannot be extended in status " + held.status().wireName()));
        lifecycle.save(next);
        long daysLeft = (Duration.between(now, newEnd).toSeconds() + 86_399) / 86_400;
        jdbc.sql("DELETE FROM trial_reminder WHERE subscription_id = :id AND days_left < :left")
                .param("id", next.subscriptionId()).param("left", daysLeft).update();
        SubscriptionState after = lifecycle.publish(account, now, why).orElseThrow();
        lifecycle.announce(account, Transition.TRIAL_EXTENDED, new Details(null, null, null, why, null), now);
        audit.append(admin.userId(), "trial_extended", accountId, why + " (+" + days + " days)", now, AccountSummary.of(before),
                AccountSummary.of(after));
        return AccountSummary.of(after);
    }

    /** Suspends every subscription of the account that has not ended; the account falls back to the free tier. */
    @Transactional
    AccountSummary suspend(CallerIdentity admin, String accountId, String reason) {
        String why = requireReason(reason);
        AccountLifecycle.Locked account = lifecycle.lock(accountId);
        SubscriptionState before = account.effective().orElseThrow(() -> unknown(accountId));
        if (before.status() == SubscriptionStatus.SUSPENDED) {
            throw conflict("Account " + accountId + " is already suspended.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        List<SubscriptionState> changed = new ArrayList<>();
        for (SubscriptionState held : subscriptions.allOf(accountId)) {
            if (held.status() != SubscriptionStatus.CANCELED && held.status() != SubscriptionStatus.EXPIRED) {
                SubscriptionState locked = subscriptions.lockById(held.subscriptionId()).orElseThrow();
                lifecycle.guard(locked, LifecycleInput.SUSPENDED_BY_OPERATOR, locked, now).ifPresent(changed::add);
            }
        }
        if (changed.isEmpty()) {
            throw conflict("Account " + accountId + " has no subscription that has not ended; there is nothing to suspend.");
        }
        changed.forEach(lifecycle::save);
        SubscriptionState after = lifecycle.publish(account, now, why).orElseThrow();
        audit.append(admin.userId(), "account_suspended", accountId, why, now, AccountSummary.of(before), AccountSummary.of(after));
        return AccountSummary.of(after);
    }

    /** Lifts a suspension: every suspended subscription of the account gets back the status it had. */
    @Transactional
    AccountSummary reactivate(CallerIdentity admin, String accountId, String reason) {
        String why = requireReason(reason);
        AccountLifecycle.Locked account = lifecycle.lock(accountId);
        SubscriptionState before = account.effective().orElseThrow(() -> unknown(accountId));
        if (before.status() != SubscriptionStatus.SUSPENDED) {
            throw conflict("Account " + accountId + " is " + before.status().wireName() + ", not suspended.");
        }
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        int restored = 0;
        for (SubscriptionState held : subscriptions.allOf(accountId)) {
            if (held.status() == SubscriptionStatus.SUSPENDED) {
                SubscriptionState locked = subscriptions.lockById(held.subscriptionId()).orElseThrow();
                Optional<SubscriptionState> back = lifecycle.guard(locked, LifecycleInput.REACTIVATED_BY_OPERATOR, locked, now);
                back.ifPresent(lifecycle::save);
                restored += back.isPresent() ? 1 : 0;
            }
        }
        if (restored == 0) {
            // Nothing changed, so nothing is audited or published: the operator must not read "reactivated" in the log.
            throw conflict("Account " + accountId + " stays suspended: none of its subscriptions knows the status it had "
                    + "before the suspension.");
        }
        SubscriptionState after = lifecycle.publish(account, now, why).orElseThrow();
        audit.append(admin.userId(), "account_reactivated", accountId, why, now, AccountSummary.of(before),
                AccountSummary.of(after));
        return AccountSummary.of(after);
    }

    /** What support receives: the token (shown once, never stored) and what it allows. */
    record ImpersonationGrant(String token, String tokenType, String accountId, String actor, String scope,
            List<String> methods, Instant expiresAt) {
    }

    /**
     * Issues a read-only impersonation token for the account, audited (who, whom, why, when, until when;
     * the token's id, never the token) in the same transaction.
     */
    @Transactional
    ImpersonationGrant impersonate(CallerIdentity admin, String accountId, String reason) {
        String why = requireReason(reason);
        try {
            dev.tollgate.platform.identity.Ids.requireAccountId(accountId, "the account id");
        } catch (dev.tollgate.platform.identity.Ids.InvalidIdException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        SubscriptionState effective = subscriptions.currentOf(accountId).orElseThrow(() -> unknown(accountId));
        ImpersonationTokens.Issued issued = impersonation.issue(admin, accountId);
        audit.append(admin.userId(), "impersonation_token_issued", accountId, why, issued.issuedAt(), AccountSummary.of(effective),
                Map.of("tokenId", issued.tokenId(), "scope", issued.scope(), "methods", ImpersonationTokens.readOnlyMethods(),
                        "issuedAt", issued.issuedAt().toString(), "expiresAt", issued.expiresAt().toString()));
        return new ImpersonationGrant(issued.token(), "Bearer", accountId, admin.userId(), issued.scope(),
                ImpersonationTokens.readOnlyMethods(), issued.expiresAt());
    }

    static String requireReason(String reason) {
        if (reason == null || reason.isBlank()) {
            throw ApiProblem.badRequest("reason is required: say why, it goes to the audit log.");
        }
        if (reason.length() > 1000) {
            throw ApiProblem.badRequest("reason is at most 1000 characters.");
        }
        return reason.trim();
    }

    private static ApiProblem unknown(String accountId) {
        return ApiProblem.notFound("Account " + accountId + " has no subscription.");
    }

    private static ApiProblem conflict(String detail) {
        return new ApiProblem(HttpStatus.CONFLICT, "Conflict", detail);
    }
}
