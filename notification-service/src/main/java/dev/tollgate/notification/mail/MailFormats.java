package dev.tollgate.notification.mail;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.util.Currency;
import java.util.List;
import java.util.Locale;

/**
 * Dates and money as a customer of the locale writes them, with the JDK's CLDR data
 * ({@link NumberFormat#getCurrencyInstance}, {@link DateTimeFormatter#ofLocalizedDate}) instead of
 * patterns of our own: each currency gets its ISO minor-unit digits (CLP none, USD and EUR two).
 */
public final class MailFormats {

    /** Latin American Spanish, the Community Edition's default. */
    public static final Locale SPANISH = Locale.forLanguageTag("es-419");
    public static final Locale ENGLISH = Locale.ENGLISH;
    public static final List<String> LANGUAGES = List.of("es", "en");

    private MailFormats() {
    }

    /** The locale of a supported language tag ({@code es}, {@code es-419}, {@code en}, ...); null for any other. */
    public static Locale localeOf(String tag) {
        if (tag == null || tag.isBlank()) {
            return null;
        }
        return switch (Locale.forLanguageTag(tag.strip().replace('_', '-')).getLanguage()) {
            case "es" -> SPANISH;
            case "en" -> ENGLISH;
            default -> null;
        };
    }

    /** The template folder of the locale: {@code es} or {@code en}. */
    public static String language(Locale locale) {
        return "en".equals(locale.getLanguage()) ? "en" : "es";
    }

    public static String date(Instant instant, Locale locale) {
        return instant == null ? null
                : DateTimeFormatter.ofLocalizedDate(FormatStyle.LONG).withLocale(locale).withZone(ZoneOffset.UTC).format(instant);
    }

    /** A moment as date and time of day, in UTC (named, since customers live in several zones). */
    public static String dateTime(Instant instant, Locale locale) {
        return instant == null ? null
                : DateTimeFormatter.ofLocalizedDateTime(FormatStyle.LONG, FormatStyle.SHORT).withLocale(locale)
                        .withZone(ZoneOffset.UTC).format(instant) + " UTC";
    }

    /** {@code amountMinor} in the minor unit of {@code currency} (a lower- or upper-case ISO code). */
    public static String money(long amountMinor, String currency, Locale locale) {
        Currency unit = Currency.getInstance(currency.toUpperCase(Locale.ROOT));
        int digits = Math.max(0, unit.getDefaultFractionDigits());
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(unit);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        return format.format(BigDecimal.valueOf(amountMinor, digits));
    }
}
