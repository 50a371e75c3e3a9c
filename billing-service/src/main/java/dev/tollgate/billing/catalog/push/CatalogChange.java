package dev.tollgate.billing.catalog.push;

/**
 * One thing {@code catalog push} changes (or did change) in a Stripe account.
 *
 * @param target the product id or the price's lookup key
 * @param detail what differs, for a person reading the diff
 */
public record CatalogChange(Action action, String target, String detail) {

    public enum Action {
        CREATE_PRODUCT("+ product"),
        UPDATE_PRODUCT("~ product"),
        CREATE_PRICE("+ price"),
        /** Stripe prices' amounts are immutable: a new price takes the lookup key, the old one stays active for its subscribers. */
        REPLACE_PRICE("+ price (replaces; the old price stays active for existing subscribers)"),
        UPDATE_PRICE("~ price");

        private final String label;

        Action(String label) {
            this.label = label;
        }
    }

    @Override
    public String toString() {
        return action.label + " " + target + (detail == null || detail.isBlank() ? "" : ": " + detail);
    }
}
