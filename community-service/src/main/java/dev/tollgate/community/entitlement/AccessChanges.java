package dev.tollgate.community.entitlement;

/** Told, inside the transaction that applies a grant, when an account's community access turns off or on. */
public interface AccessChanges {

    void accessLost(String accountId);

    void accessRegained(String accountId);
}
