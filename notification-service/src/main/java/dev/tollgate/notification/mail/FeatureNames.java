package dev.tollgate.notification.mail;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.NumberFormat;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.core.io.ClassPathResource;

/**
 * The customer's words for the catalog's feature keys ({@code priority_support_tickets} is "tickets
 * de soporte prioritario" / "priority support tickets"), from {@code mail/<language>/features.properties}
 * (a translator's file, beside the templates), and a plan's limits from the catalog as localized
 * lines ("5 tickets de soporte prioritario al mes"). A key the file does not know is shown with
 * its underscores as spaces rather than not at all.
 */
public final class FeatureNames {

    private static final Map<String, Properties> BY_LANGUAGE = new ConcurrentHashMap<>();

    private FeatureNames() {
    }

    public static String name(String feature, Locale locale) {
        return words(locale).getProperty(feature, feature.replace('_', ' '));
    }

    /** One line per limit of a plan, as the catalog gives them (feature key to {@code {"limit", "period"}} or {@code {"enabled"}}). */
    public static List<String> lines(Map<String, Map<String, Object>> limits, Locale locale) {
        Properties words = words(locale);
        NumberFormat numbers = NumberFormat.getIntegerInstance(locale);
        List<String> lines = new ArrayList<>();
        limits.forEach((feature, limit) -> {
            String name = name(feature, locale);
            if (Boolean.TRUE.equals(limit.get("enabled"))) {
                lines.add(words.getProperty("line.enabled", "{name}").replace("{name}", name));
            } else if (limit.get("limit") instanceof Number amount && amount.longValue() != 0) {
                String line = amount.longValue() < 0 ? words.getProperty("line.unlimited", "{name}")
                        : limit.get("period") != null ? words.getProperty("line.per." + limit.get("period"), "{amount} {name}")
                        : words.getProperty("line.limit", "{amount} {name}");
                lines.add(line.replace("{amount}", numbers.format(amount.longValue())).replace("{name}", name));
            }
        });
        return lines;
    }

    private static Properties words(Locale locale) {
        return BY_LANGUAGE.computeIfAbsent(MailFormats.language(locale), language -> {
            Properties properties = new Properties();
            try (Reader reader = new InputStreamReader(new ClassPathResource("mail/" + language + "/features.properties")
                    .getInputStream(), StandardCharsets.UTF_8)) {
                properties.load(reader);
            } catch (IOException e) {
                throw new UncheckedIOException("missing mail/" + language + "/features.properties", e);
            }
            return properties;
        });
    }
}
