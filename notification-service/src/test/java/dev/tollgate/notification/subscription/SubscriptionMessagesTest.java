package dev.tollgate.notification.subscription;

import static dev.tollgate.notification.mail.MailFixtures.assertBothPartsCarry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.notification.mail.MailFixtures;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.subscription.SubscriptionMailer.SubscriptionNews;

class SubscriptionMessagesTest {

    private static final Instant TRIAL_END = Instant.parse("2026-12-09T10:00:00Z");
    private static final Instant PERIOD_END = Instant.parse("2027-01-15T10:00:00Z");

    private final SubscriptionMessages messages = new SubscriptionMessages(MailFixtures.renderer(), MailFixtures.SETTINGS);

    private static SubscriptionNews news(Integer daysLeft, long amountMinor, String currency) {
        return new SubscriptionNews("acct_1", Instant.parse("2026-12-06T10:00:00Z"), "community", TRIAL_END, PERIOD_END,
                "mia@example.com", daysLeft, null, amountMinor, currency, "month", null, null, null, null, null);
    }

    @Test
    void threeDaysBeforeTheTrialEndsTheSubjectIsTheGuidesInEnglishAndItsTranslationInSpanish() {
        RenderedMail english = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(3, 2_000, "usd"),
                "Community Edition", MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("3 days left in your trial - Subscribe to keep your agents");
        assertBothPartsCarry(english, "ends in 3 days", "December 9, 2026", "$20.00", "https://latamlab.ai/billing");

        RenderedMail spanish = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(3, 19_900, "clp"),
                "Community Edition", MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Quedan 3 días de tu prueba - Suscríbete para conservar tus agentes");
        assertBothPartsCarry(spanish, "termina en 3 días", "9 de diciembre de 2026", "CLP19,900", "https://latamlab.ai/billing");
    }

    @Test
    void sevenAndOneDayBeforeTheTrialEndsTheCountIsInSubjectAndBodyInTheSingularForOneDay() {
        RenderedMail seven = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(7, 2_000, "usd"),
                "Community Edition", MailFormats.ENGLISH);
        assertThat(seven.subject()).isEqualTo("7 days left in your trial - Subscribe to keep your agents");
        assertBothPartsCarry(seven, "ends in 7 days", "December 9, 2026");

        RenderedMail one = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(1, 2_000, "usd"),
                "Community Edition", MailFormats.ENGLISH);
        assertThat(one.subject()).isEqualTo("1 day left in your trial - Subscribe to keep your agents");
        assertBothPartsCarry(one, "ends in 1 day,", "December 9, 2026");

        RenderedMail siete = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(7, 19_900, "clp"),
                "Community Edition", MailFormats.SPANISH);
        assertThat(siete.subject()).isEqualTo("Quedan 7 días de tu prueba - Suscríbete para conservar tus agentes");
        assertBothPartsCarry(siete, "termina en 7 días", "9 de diciembre de 2026");

        RenderedMail uno = messages.render(SubscriptionMessages.TRIAL_EXPIRING, news(1, 19_900, "clp"),
                "Community Edition", MailFormats.SPANISH);
        assertThat(uno.subject()).isEqualTo("Queda 1 día de tu prueba - Suscríbete para conservar tus agentes");
        assertBothPartsCarry(uno, "termina en 1 día,", "9 de diciembre de 2026");
    }

    @Test
    void anExpiredTrialSaysTheDataIsSafeAndHowToReactivate() {
        RenderedMail english = messages.render(SubscriptionMessages.TRIAL_EXPIRED, news(null, 2_000, "usd"),
                "Community Edition", MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("Your LATAMLAB.AI trial has ended - your data is safe");
        assertBothPartsCarry(english, "December 9, 2026", "Your data is safe", "nothing has been deleted",
                "https://latamlab.ai/billing", "$20.00 per month", "To reactivate your account");

        RenderedMail spanish = messages.render(SubscriptionMessages.TRIAL_EXPIRED, news(null, 19_900, "clp"),
                "Community Edition", MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Tu prueba de LATAMLAB.AI terminó - tus datos están a salvo");
        assertBothPartsCarry(spanish, "9 de diciembre de 2026", "Tus datos están a salvo", "no se borró nada",
                "https://latamlab.ai/billing", "CLP19,900 al mes", "Para reactivar tu cuenta");
    }

    @Test
    void aRecoveredSubscriptionSaysThePaymentArrivedAndUntilWhenThePeriodRuns() {
        RenderedMail english = messages.render(SubscriptionMessages.RECOVERED, news(null, 2_000, "usd"),
                "Community Edition", MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("Payment received - your LATAMLAB.AI subscription is active again");
        assertBothPartsCarry(english, "active again", "January 15, 2027", "https://latamlab.ai/billing");

        RenderedMail spanish = messages.render(SubscriptionMessages.RECOVERED, news(null, 19_900, "clp"),
                "Community Edition", MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Pago recibido - tu suscripción a LATAMLAB.AI está activa de nuevo");
        assertBothPartsCarry(spanish, "activa de nuevo", "15 de enero de 2027", "https://latamlab.ai/billing");
    }
}
