package dev.tollgate.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.Test;

class MailFormatsTest {

    @Test
    void chileanPesosHaveNoDecimalsAndDollarsAndEurosHaveTwo() {
        assertThat(MailFormats.money(19_900, "clp", MailFormats.SPANISH)).isEqualTo("CLP19,900");
        assertThat(MailFormats.money(2_000, "usd", MailFormats.ENGLISH)).isEqualTo("$20.00");
        assertThat(MailFormats.money(2_000, "usd", MailFormats.SPANISH)).isEqualTo("USD20.00");
        assertThat(MailFormats.money(1_999, "eur", MailFormats.ENGLISH)).isEqualTo("\u20AC19.99");
        assertThat(MailFormats.money(1_999, "EUR", MailFormats.SPANISH)).isEqualTo("EUR19.99");
    }

    @Test
    void datesAreWrittenAsTheLocaleWritesThem() {
        Instant date = Instant.parse("2026-12-09T10:00:00Z");
        assertThat(MailFormats.date(date, MailFormats.SPANISH)).isEqualTo("9 de diciembre de 2026");
        assertThat(MailFormats.date(date, MailFormats.ENGLISH)).isEqualTo("December 9, 2026");
    }

    @Test
    void onlySpanishAndEnglishAreLanguagesOfOurMail() {
        assertThat(MailFormats.localeOf("es")).isEqualTo(MailFormats.SPANISH);
        assertThat(MailFormats.localeOf("es-CL")).isEqualTo(MailFormats.SPANISH);
        assertThat(MailFormats.localeOf("en_US")).isEqualTo(MailFormats.ENGLISH);
        assertThat(MailFormats.localeOf("pt")).isNull();
        assertThat(MailFormats.localeOf(null)).isNull();
    }
}
