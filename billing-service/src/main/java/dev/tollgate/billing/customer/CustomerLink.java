package dev.tollgate.billing.customer;

public record CustomerLink(String customerId, String accountId, String email) {
}
