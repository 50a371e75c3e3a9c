package dev.tollgate.entitlement.plan;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One thing an account may do. A limit ({@code limit}, -1 for unlimited, optionally per
 * {@code period} such as {@code month}) or a flag ({@code enabled}).
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Entitlement(Long limit, String period, Boolean enabled) {

    public static final long UNLIMITED = -1;

    public static Entitlement limit(long limit, String period) {
        return new Entitlement(limit, period, null);
    }

    public static Entitlement flag(boolean enabled) {
        return new Entitlement(null, null, enabled);
    }
}
