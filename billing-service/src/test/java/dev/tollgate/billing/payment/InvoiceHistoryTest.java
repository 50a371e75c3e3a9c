package dev.tollgate.billing.payment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import dev.tollgate.billing.purchase.CheckoutCompletions;
import dev.tollgate.billing.stripe.L4yercak3IntegrationTest;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.SignedCaller;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/** Invoices and one-time purchases recorded from Stripe's events, served paged to their own account only. */
class InvoiceHistoryTest extends L4yercak3IntegrationTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    @Test
    void theCallerSeesItsOwnInvoicesNewestFirstPagedWithAmountsPeriodsAndLinks() {
        long t = Instant.now().getEpochSecond() - 90 * 86_400;
        for (int i = 1; i <= 3; i++) {
            long start = t + (i - 1) * 30 * 86_400L;
            deliver("evt_hist_" + i, "invoice.paid", start, withAccount(invoice("in_hist_" + i, "cus_hist", "sub_hist", "paid",
                    19900, 19900, 1, start, start, start + 30 * 86_400), "acct_hist"));
        }
        deliver("evt_hist_other", "invoice.paid", t, withAccount(invoice("in_hist_other", "cus_hist_other", "sub_other", "paid",
                39900, 39900, 1, t, t, t + 30 * 86_400), "acct_hist_other"));

        JsonNode first = get("acct_hist", "/api/billing/invoices?size=2");
        assertThat(first.path("total").asLong()).isEqualTo(3);
        assertThat(first.path("items").findValuesAsString("id")).containsExactly("in_hist_3", "in_hist_2");
        JsonNode newest = first.path("items").path(0);
        assertThat(newest.path("amountPaidMinor").asLong()).isEqualTo(19900);
        assertThat(newest.path("currency").asString()).isEqualTo("eur");
        assertThat(newest.path("status").asString()).isEqualTo("paid");
        assertThat(newest.path("periodStart").asString()).isEqualTo(Instant.ofEpochSecond(t + 60 * 86_400L).toString());
        assertThat(newest.path("hostedInvoiceUrl").asString()).isEqualTo("https://invoice.stripe.com/i/in_hist_3");
        assertThat(newest.path("invoicePdf").asString()).isEqualTo("https://pay.stripe.com/invoice/in_hist_3/pdf");
        assertThat(get("acct_hist", "/api/billing/invoices?size=2&page=1").path("items").findValuesAsString("id"))
                .containsExactly("in_hist_1");
        assertThat(get("acct_hist_nobody", "/api/billing/invoices").path("items")).isEmpty();
        assertThat(call("acct_hist", "/api/billing/invoices?size=1000").statusCode()).isEqualTo(400);
    }

    @Test
    void oneTimePurchasesAreTheAccountsReceipts() {
        ObjectNode session = checkout("cs_receipt", "payment", "cus_receipt", "acct_receipt", "r@example.com");
        session.put("amount_total", 1125000);
        session.put("payment_intent", "pi_receipt");
        ((ObjectNode) session.path("metadata")).put(CheckoutCompletions.PRICE_METADATA, "price_build_sprint_discounted");
        deliver("evt_receipt", "checkout.session.completed", Instant.now().getEpochSecond(), session);

        JsonNode receipts = get("acct_receipt", "/api/billing/purchases");
        assertThat(receipts.path("items")).singleElement().satisfies(receipt -> {
            assertThat(receipt.path("productId").asString()).isEqualTo("build_sprint");
            assertThat(receipt.path("amountMinor").asLong()).isEqualTo(1125000);
            assertThat(receipt.path("paymentIntentId").asString()).isEqualTo("pi_receipt");
        });
        assertThat(get("acct_hist_nobody", "/api/billing/purchases").path("items")).isEmpty();
    }

    private static ObjectNode withAccount(ObjectNode invoice, String account) {
        ((ObjectNode) invoice.path("parent").path("subscription_details").path("metadata")).put("organization_id", account);
        return invoice;
    }

    private JsonNode get(String account, String path) {
        HttpResponse<String> response = call(account, path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> call(String account, String path) {
        return SignedCaller.get(port, path, new CallerIdentity("user_" + account, account, null, List.of("owner")),
                "billing-service");
    }
}
