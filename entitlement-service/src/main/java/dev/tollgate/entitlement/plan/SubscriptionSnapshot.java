package dev.tollgate.entitlement.plan;

import java.time.Instant;
import java.util.List;

/**
 * The account's effective subscription as entitlements need it.
 *
 * @param addOns quantity add-ons bought with the plan (e.g. {@code agency_sub_org} x 3); empty when none
 * @param pastDueSince when the subscription fell past due (the grace period counts from it); null otherwise
 */
public record SubscriptionSnapshot(String planId, String status, List<AddOn> addOns, Instant pastDueSince) {

    public SubscriptionSnapshot {
        addOns = addOns == null ? List.of() : List.copyOf(addOns);
    }

    public static SubscriptionSnapshot of(String planId, String status, AddOn... addOns) {
        return new SubscriptionSnapshot(planId, status, List.of(addOns), null);
    }

    /** One add-on line of the subscription: a catalog product id and how many were bought. */
    public record AddOn(String id, long quantity) {
    }
}
