package dev.tollgate.entitlement.plan;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing an account may do. A limit ({@code limit}, -1 for unlimited, optionally per
 * {@code period} such as {@code month}), a flag ({@code enabled}) or a named level ({@code value},
 * e.g. {@code white_label_level} {@code full}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entitlement(Long limit, String period, Boolean enabled, String value) {

    public static final long UNLIMITED = -1;

    public static Entitlement limit(long limit, String period) {
        return new Entitlement(limit, period, null, null);
    }

    public static Entitlement limit(long limit) {
        return limit(limit, null);
    }

    public static Entitlement flag(boolean enabled) {
        return new Entitlement(null, null, enabled, null);
    }

    public static Entitlement value(String value) {
        return new Entitlement(null, null, null, value);
    }

    /** Whether it is a limit (not a flag or a level). */
    @JsonIgnore
    public boolean countable() {
        return limit != null;
    }

    @JsonIgnore
    public boolean unlimited() {
        return limit != null && limit == UNLIMITED;
    }

    /** This limit raised by {@code more} (unlimited stays unlimited). */
    Entitlement plus(long more) {
        return unlimited() ? this : new Entitlement(limit + more, period, null, null);
    }
}
