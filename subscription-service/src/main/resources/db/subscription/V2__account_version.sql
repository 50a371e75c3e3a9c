-- One row per account: the version of its last lifecycle event on tollgate.subscription.events.
-- Each event of the account carries the next version, so consumers order an account's events by
-- it instead of by time. The row is also the lock that makes two reports about different
-- subscriptions of one account apply one after the other.
CREATE TABLE account (
    account_id TEXT PRIMARY KEY,
    version    BIGINT NOT NULL
);
