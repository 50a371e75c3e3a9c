package dev.tollgate.subscription.grant;

import java.sql.Timestamp;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

import dev.tollgate.subscription.account.AccountLifecycle;
import dev.tollgate.subscription.catalog.CatalogGrants;
import dev.tollgate.subscription.lifecycle.LifecycleInput;
import dev.tollgate.subscription.lifecycle.SubscriptionState;
import dev.tollgate.subscription.lifecycle.SubscriptionStatus;

/**
 * Turns a completed purchase of a product that includes a plan into a grant, in the caller's (inbox)
 * transaction, under the account's lock.
 * <p>
 * When the grant starts: with the first payment, the deposit or the full price. The product documents
 * (stripe-catalog-configuration.md, "On Build Sprint Purchase") create the Build Sprint record as
 * {@code deposit_paid} or {@code paid_in_full} and upgrade the organization for
 * {@code included_plan_duration_months} from that moment in the same step; so a deposit starts the
 * grant, and the second half only completes the payment, never moves or renews the period.
 * Each purchase line (checkout session and price) counts once, whatever event id brings it.
 */
@Component
public class PlanGrants {

    public static final String DEPOSIT_PAID = "deposit_paid";
    public static final String PAID_IN_FULL = "paid_in_full";

    private static final Logger log = LoggerFactory.getLogger(PlanGrants.class);

    private final JdbcClient jdbc;
    private final CatalogGrants catalog;
    private final AccountLifecycle lifecycle;

    PlanGrants(JdbcClient jdbc, CatalogGrants catalog, AccountLifecycle lifecycle) {
        this.jdbc = jdbc;
        this.catalog = catalog;
        this.lifecycle = lifecycle;
    }

    /**
     * One grant as the account and an admin see it.
     *
     * @param status the grant's subscription status: {@code active} while it runs, {@code canceled} once over,
     *        {@code suspended} with the account
     * @param payment {@code deposit_paid} (one half paid) or {@code paid_in_full}
     * @param paidMinor what was paid for it so far, in {@code currency}'s minor units
     */
    public record Grant(String grantId, String productId, String planId, String status, Instant startsAt, Instant endsAt,
            String payment, long paidMinor, String currency, Instant paidInFullAt) {
    }

    void record(PurchaseHandler.Purchase purchase) {
        Optional<CatalogGrants.GrantingProduct> product = catalog.find(purchase.productId());
        if (product.isEmpty()) {
            log.debug("Purchase of {} by {} includes no plan", purchase.productId(), purchase.accountId());
            return;
        }
        AccountLifecycle.Locked account = lifecycle.lock(purchase.accountId());
        boolean seen = jdbc.sql("SELECT EXISTS (SELECT 1 FROM plan_grant_purchase WHERE checkout_session_id = :session"
                + " AND price_id = :price)").param("session", purchase.sessionKey()).param("price", purchase.priceId())
                .query(Boolean.class).single();
        if (seen) {
            log.info("Purchase {} / {} of account {} is applied already", purchase.sessionKey(), purchase.priceId(),
                    purchase.accountId());
            return;
        }
        Instant at = purchase.occurredAt().truncatedTo(ChronoUnit.MICROS);
        String currency = purchase.currency().toLowerCase(Locale.ROOT);
        String half = purchase.half();
        Optional<String> completes = half == null ? Optional.empty() : jdbc.sql("""
                SELECT grant_id FROM plan_grant WHERE account_id = :account AND product_id = :product AND payment = 'deposit_paid'
                  AND first_half <> :half ORDER BY starts_at, grant_id LIMIT 1""")
                .param("account", purchase.accountId()).param("product", purchase.productId()).param("half", half)
                .query(String.class).optional();
        if (completes.isPresent()) {
            jdbc.sql("""
                    UPDATE plan_grant SET payment = 'paid_in_full', paid_minor = paid_minor + :amount, paid_in_full_at = :at
                    WHERE grant_id = :grant""")
                    .param("amount", purchase.amountMinor()).param("at", Timestamp.from(at)).param("grant", completes.get()).update();
            remember(purchase, completes.get(), at, currency);
            log.info("Grant {} of account {} is paid in full", completes.get(), purchase.accountId());
            return;
        }
        String grantId = "grant_" + UUID.randomUUID().toString().replace("-", "");
        Instant end = at.atZone(ZoneOffset.UTC).plusMonths(product.get().months()).toInstant();
        jdbc.sql("""
                INSERT INTO plan_grant (grant_id, account_id, product_id, plan_id, starts_at, ends_at, payment, first_half,
                    paid_minor, currency, paid_in_full_at)
                VALUES (:grant, :account, :product, :plan, :start, :end, :payment, :half, :paid, :currency, :fullAt)""")
                .param("grant", grantId).param("account", purchase.accountId()).param("product", purchase.productId())
                .param("plan", product.get().planId()).param("start", Timestamp.from(at)).param("end", Timestamp.from(end))
                .param("payment", half == null ? PAID_IN_FULL : DEPOSIT_PAID).param("half", half, java.sql.Types.VARCHAR)
                .param("paid", purchase.amountMinor()).param("currency", currency)
                .param("fullAt", half == null ? Timestamp.from(at) : null, java.sql.Types.TIMESTAMP).update();
        remember(purchase, grantId, at, currency);
        // No price and no renewal: it ends by itself (cancelAtPeriodEnd), and revenue never counts it.
        SubscriptionState grant = new SubscriptionState(grantId, purchase.accountId(), product.get().planId(),
                SubscriptionStatus.ACTIVE, null, null, end, true, 0, currency, purchase.customerEmail(), at, null, null, at,
                SubscriptionState.GRANT, null, null);
        lifecycle.guard(null, LifecycleInput.GRANT_STARTED, grant, at).ifPresent(state -> {
            lifecycle.save(state);
            lifecycle.publish(account, at, null);
        });
        log.info("Account {} has plan {} until {} from {} ({})", purchase.accountId(), product.get().planId(), end,
                purchase.productId(), half == null ? PAID_IN_FULL : DEPOSIT_PAID);
    }

    private void remember(PurchaseHandler.Purchase purchase, String grantId, Instant at, String currency) {
        jdbc.sql("""
                INSERT INTO plan_grant_purchase (checkout_session_id, price_id, grant_id, lookup_key, amount_minor, currency,
                    occurred_at) VALUES (:session, :price, :grant, :lookup, :amount, :currency, :at)""")
                .param("session", purchase.sessionKey()).param("price", purchase.priceId()).param("grant", grantId)
                .param("lookup", purchase.lookupKey()).param("amount", purchase.amountMinor()).param("currency", currency)
                .param("at", Timestamp.from(at)).update();
    }

    /** The account's grants, the latest first. */
    public List<Grant> of(String accountId) {
        return jdbc.sql("""
                SELECT g.grant_id, g.product_id, g.plan_id, s.status, g.starts_at, g.ends_at, g.payment, g.paid_minor, g.currency,
                       g.paid_in_full_at
                FROM plan_grant g LEFT JOIN subscription s ON s.subscription_id = g.grant_id
                WHERE g.account_id = :account ORDER BY g.starts_at DESC, g.grant_id DESC""")
                .param("account", accountId)
                .query((rs, n) -> new Grant(rs.getString(1), rs.getString(2), rs.getString(3),
                        rs.getString(4) == null ? null : rs.getString(4).toLowerCase(Locale.ROOT), rs.getTimestamp(5).toInstant(),
                        rs.getTimestamp(6).toInstant(), rs.getString(7), rs.getLong(8), rs.getString(9),
                        rs.getTimestamp(10) == null ? null : rs.getTimestamp(10).toInstant()))
                .list();
    }
}
