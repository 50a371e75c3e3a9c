package dev.tollgate.notification.billing;

import static dev.tollgate.notification.mail.MailFixtures.assertBothPartsCarry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.notification.billing.BillingMailer.PaymentNews;
import dev.tollgate.notification.mail.MailFixtures;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.RenderedMail;

class BillingMessagesTest {

    // The shape of Stripe's hosted links: a query string, which the HTML part must keep intact.
    private static final String INVOICE_URL = "https://invoice.stripe.com/i/acct_1Test/test_YWNjdF8x?s=ap";
    private static final String PDF_URL = "https://pay.stripe.com/invoice/acct_1Test/test_YWNjdF8x/pdf?s=ap";

    private final BillingMessages messages = new BillingMessages(MailFixtures.renderer(), MailFixtures.SETTINGS);

    private static PaymentNews payment(long amountMinor, String currency, Integer attempt, Instant nextAttempt) {
        return new PaymentNews("acct_1", Instant.parse("2026-12-06T10:00:00Z"), "in_1", "A1B2-0001", amountMinor, amountMinor,
                currency, attempt, nextAttempt, Instant.parse("2026-12-06T10:00:00Z"), Instant.parse("2027-01-06T10:00:00Z"),
                INVOICE_URL, PDF_URL, "mia@example.com");
    }

    @Test
    void aSucceededPaymentGivesTheAmountThePeriodAndTheInvoiceLink() {
        RenderedMail spanish = messages.render(BillingMessages.SUCCEEDED_EVENT, payment(19_900, "clp", null, null),
                MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Pago recibido: CLP19,900 - LATAMLAB.AI");
        assertBothPartsCarry(spanish, "CLP19,900", "A1B2-0001", "6 de diciembre de 2026", "6 de enero de 2027", INVOICE_URL,
                PDF_URL);

        RenderedMail english = messages.render(BillingMessages.SUCCEEDED_EVENT, payment(2_000, "usd", null, null),
                MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("Payment received: $20.00 - LATAMLAB.AI");
        assertBothPartsCarry(english, "$20.00", "A1B2-0001", "December 6, 2026", "January 6, 2027", INVOICE_URL, PDF_URL);
    }

    @Test
    void aFailedPaymentGivesTheAttemptTheNextRetryAndWhereToFixIt() {
        Instant retry = Instant.parse("2026-12-09T10:00:00Z");
        RenderedMail spanish = messages.render(BillingMessages.FAILED_EVENT, payment(1_999, "eur", 2, retry), MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Tu pago de EUR19.99 no se pudo realizar - actualiza tu medio de pago");
        assertBothPartsCarry(spanish, "EUR19.99", "intento 2", "Volveremos a intentarlo el 9 de diciembre de 2026", INVOICE_URL);

        RenderedMail english = messages.render(BillingMessages.FAILED_EVENT, payment(2_000, "usd", 2, retry), MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("Your payment of $20.00 failed - please update your payment method");
        assertBothPartsCarry(english, "$20.00", "attempt 2", "We will try again on December 9, 2026", INVOICE_URL);
    }

    @Test
    void aFailedPaymentStripeWillNotRetrySaysSo() {
        RenderedMail english = messages.render(BillingMessages.FAILED_EVENT, payment(2_000, "usd", 4, null), MailFormats.ENGLISH);
        assertBothPartsCarry(english, "attempt 4", "We will not try again automatically", INVOICE_URL);
        assertThat(english.text()).doesNotContain("We will try again on");

        RenderedMail spanish = messages.render(BillingMessages.FAILED_EVENT, payment(19_900, "clp", 4, null), MailFormats.SPANISH);
        assertBothPartsCarry(spanish, "intento 4", "No volveremos a intentarlo automáticamente", INVOICE_URL);
    }

    @Test
    void aPaymentWaitingForThreeDSecureGivesTheHostedLinkToConfirmIt() {
        RenderedMail spanish = messages.render(BillingMessages.ACTION_REQUIRED_EVENT, payment(19_900, "clp", 1, null),
                MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Acción requerida: confirma tu pago de CLP19,900");
        assertBothPartsCarry(spanish, "CLP19,900", "3-D Secure", INVOICE_URL);

        RenderedMail english = messages.render(BillingMessages.ACTION_REQUIRED_EVENT, payment(1_999, "eur", 1, null),
                MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("Action required: confirm your payment of \u20AC19.99");
        assertBothPartsCarry(english, "\u20AC19.99", "3-D Secure", INVOICE_URL);
        assertThat(english.html()).contains("href=\"" + INVOICE_URL.replace("=", "&#x3D;") + "\"");
    }
}
