package dev.tollgate.notification.mail;

import java.util.Locale;
import java.util.Map;

/**
 * Why a mail is sent, which decides whether a customer may opt out of it: billing (the
 * subscription, payments, purchases), security and support mail is always sent; usage, tips and
 * community mail is non-essential, carries a one-click unsubscribe and stops when its category is
 * opted out of.
 */
public enum MailCategory {
    BILLING(true), SECURITY(true), SUPPORT(true), USAGE(false), TIPS(false), COMMUNITY(false);

    private static final Map<String, MailCategory> BY_TEMPLATE = Map.of(
            "usage-threshold", USAGE,
            "quota-exceeded", USAGE,
            "community-invitation", COMMUNITY,
            "invitation-accepted", COMMUNITY,
            "ticket-created", SUPPORT,
            "ticket-answered", SUPPORT,
            "ticket-resolved", SUPPORT,
            "ticket-quota-reached", SUPPORT);

    private final boolean essential;

    MailCategory(boolean essential) {
        this.essential = essential;
    }

    public boolean essential() {
        return essential;
    }

    /** The name in the API and the unsubscribe token: {@code usage}, {@code tips}, {@code community}, ... */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** A non-essential category by its key; null for any other (an essential category cannot be opted out of). */
    public static MailCategory optional(String key) {
        for (MailCategory category : values()) {
            if (!category.essential && category.key().equals(key)) {
                return category;
            }
        }
        return null;
    }

    /** The category of a template; every template not listed is about the subscription and its payments. */
    public static MailCategory of(String template) {
        return BY_TEMPLATE.getOrDefault(template, BILLING);
    }
}
