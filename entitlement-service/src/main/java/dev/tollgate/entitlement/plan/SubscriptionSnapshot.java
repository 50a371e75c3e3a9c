package dev.tollgate.entitlement.plan;

import java.util.List;

/**
 * The account's effective subscription as entitlements need it.
 *
 * @param addOns quantity add-ons bought with the plan (e.g. {@code agency_sub_org} x 3); empty when none
 */
public record SubscriptionSnapshot(String planId, String status, List<AddOn> addOns) {

    public SubscriptionSnapshot {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    public static SubscriptionSnapshot of(String planId, String status, AddOn... addOns) {
        return new SubscriptionSnapshot(planId, status, List.of(addOns));
    }

    /** One add-on line of the subscription: a catalog product id and how many were bought. */
    public record AddOn(String id, long quantity) {
    }
}
