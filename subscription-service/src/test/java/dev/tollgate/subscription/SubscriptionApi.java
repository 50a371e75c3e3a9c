package dev.tollgate.subscription;

import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.List;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.test.ServiceApi;
import dev.tollgate.platform.test.TestKafka;

/** Calls subscription-service's API as the gateway would, signing identity tokens at a given clock. */
public final class SubscriptionApi extends ServiceApi {

    public static final String CATALOG_EVENT_ID = "5a0d5e58-6f5e-3c55-a0d4-2c6a4cb0b007";

    public SubscriptionApi(int port, Clock clock) {
        super(port, SubscriptionApplication.CONFIG_NAME, clock);
    }

    public static CallerIdentity owner(String account, String email) {
        return new CallerIdentity("user_" + account, account, email, List.of("owner"));
    }

    public static CallerIdentity admin(String name) {
        return new CallerIdentity(name, "acct_platform", name + "@tollgate.test", List.of("platform_admin"));
    }

    public HttpResponse<String> signup(CallerIdentity caller, String cycle, String currency) {
        return post(caller, "/api/subscriptions", "{\"billingCycle\":\"%s\",\"currency\":\"%s\"}".formatted(cycle, currency));
    }

    /**
     * Sends billing's Community Edition catalog (trimmed to what this service reads, plus a dearer 'pro'
     * plan without a trial); its fixed id makes a second send a duplicate the inbox drops.
     */
    public static void publishCatalog() {
        String body = """
                {"eventId":"%s","accountId":"catalog","occurredAt":"2026-12-06T00:00:00Z","catalogId":"community-edition",
                 "version":1,"contentHash":"test","name":"LATAMLAB.AI Community Edition","products":[
                  {"id":"community","kind":"plan","name":"Community Edition","metadata":{},"limits":{},"marketingFeatures":[],
                   "prices":[
                    {"id":"price_monthly_community_usd","formerIds":[],"lookupKey":"m","amountMinor":2000,"currency":"usd",
                     "interval":"month","trialDays":14,"legacy":false,"perUnit":false},
                    {"id":"price_annual_community_usd","formerIds":[],"lookupKey":"a","amountMinor":20000,"currency":"usd",
                     "interval":"year","trialDays":14,"legacy":false,"perUnit":false},
                    {"id":"price_monthly_community_clp","formerIds":[],"lookupKey":"c","amountMinor":18000,"currency":"clp",
                     "interval":"month","trialDays":14,"legacy":false,"perUnit":false}]},
                  {"id":"pro","kind":"plan","name":"Professional","metadata":{},"limits":{},"marketingFeatures":[],
                   "prices":[{"id":"price_pro_usd","formerIds":[],"lookupKey":"p","amountMinor":9900,"currency":"usd",
                     "interval":"month","legacy":false,"perUnit":false}]},
                  {"id":"build_sprint","kind":"one_time","name":"Build Sprint","metadata":{"included_plan_tier":"pro",
                   "included_plan_duration_months":"6"},"limits":{},"marketingFeatures":[],
                   "prices":[{"id":"price_sprint","formerIds":[],"lookupKey":"s","amountMinor":150000,"currency":"usd",
                     "legacy":false,"perUnit":false}]}]}"""
                .formatted(CATALOG_EVENT_ID);
        TestKafka.send(Topics.CATALOG, "catalog", body, CloudEventHeaders.of(CATALOG_EVENT_ID, "/tollgate/billing-service",
                "catalog.published.v1", Instant.parse("2026-12-06T00:00:00Z"), "catalog"));
    }
}
