package dev.tollgate.subscription.lifecycle;

/** A lifecycle event; its wire name is the middle of the CloudEvents type {@code subscription.<name>.v1}. */
public enum Transition {
    TRIAL_STARTED("trial_started"),
    ACTIVATED("activated"),
    PAST_DUE("past_due"),
    PAUSED("paused"),
    CANCELED("canceled"),
    PLAN_CHANGED("plan_changed"),
    RECOVERED("recovered"),
    RESUMED("resumed"),
    TRIAL_EXPIRING("trial_expiring"),
    TRIAL_EXPIRED("trial_expired"),
    ACCOUNT_SUSPENDED("account_suspended"),
    ACCOUNT_REACTIVATED("account_reactivated"),
    TRIAL_EXTENDED("trial_extended");

    private final String wireName;

    Transition(String wireName) {
        this.wireName = wireName;
    }

    public String wireName() {
        return wireName;
    }
}
