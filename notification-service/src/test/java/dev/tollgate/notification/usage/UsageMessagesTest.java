package dev.tollgate.notification.usage;

import static dev.tollgate.notification.mail.MailFixtures.assertBothPartsCarry;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

import dev.tollgate.notification.mail.MailFixtures;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.usage.UsageMailer.ThresholdReached;

class UsageMessagesTest {

    private final UsageMessages messages = new UsageMessages(MailFixtures.renderer(), MailFixtures.SETTINGS);

    private static ThresholdReached reached(int threshold, long used) {
        return new ThresholdReached("acct_1", Instant.parse("2026-12-06T10:00:00Z"), "ai_tokens", threshold, 100_000L, used,
                Instant.parse("2027-01-01T00:00:00Z"), null);
    }

    @Test
    void eightyPercentOfALimitGivesUsageLimitAndWhenItResets() {
        RenderedMail english = messages.render(reached(80, 80_000), MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("You used 80% of your AI tokens limit - LATAMLAB.AI");
        assertBothPartsCarry(english, "80,000 of 100,000", "January 1, 2027", "https://latamlab.ai/billing");

        RenderedMail spanish = messages.render(reached(80, 80_000), MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Usaste el 80 % de tu límite de tokens de IA - LATAMLAB.AI");
        assertBothPartsCarry(spanish, "80,000 de 100,000", "1 de enero de 2027", "https://latamlab.ai/billing");
    }

    @Test
    void theWholeLimitUsedSaysItIsReached() {
        RenderedMail english = messages.render(reached(100, 100_000), MailFormats.ENGLISH);
        assertThat(english.subject()).isEqualTo("You reached your AI tokens limit - LATAMLAB.AI");
        assertBothPartsCarry(english, "100,000 of 100,000", "January 1, 2027");

        RenderedMail spanish = messages.render(reached(100, 100_000), MailFormats.SPANISH);
        assertThat(spanish.subject()).isEqualTo("Alcanzaste tu límite de tokens de IA - LATAMLAB.AI");
        assertBothPartsCarry(spanish, "100,000 de 100,000", "1 de enero de 2027");
    }
}
