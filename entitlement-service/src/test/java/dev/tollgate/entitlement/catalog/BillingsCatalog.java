package dev.tollgate.entitlement.catalog;

import java.time.Instant;

import dev.tollgate.platform.events.CloudEventHeaders;
import dev.tollgate.platform.events.Topics;
import dev.tollgate.platform.test.TestKafka;

/**
 * A catalog.published.v1 as billing publishes it for the Community Edition (trimmed to what grants
 * read, plus a 'starter' plan no file of this service ever listed and a 'metered' plan with small limits
 * for the metering tests), sent to the compacted catalog topic. Every test publishes this same one: the
 * topic is compacted and shared by the whole test JVM, so a different catalog would replace it.
 */
public final class BillingsCatalog {

    public static final String EVENT_ID = "5a0d5e58-6f5e-3c55-a0d4-2c6a4cb0a001";

    private BillingsCatalog() {
    }

    /** Sends the catalog; its fixed id makes a second send a duplicate the inbox drops. */
    public static void publish() {
        String body = """
                {"eventId":"%s","accountId":"catalog","occurredAt":"2026-12-06T00:00:00Z","catalogId":"community-edition",
                 "version":1,"contentHash":"test","name":"LATAMLAB.AI Community Edition","products":[
                  {"id":"community","kind":"plan","name":"Community Edition","metadata":{"plan_tier":"community"},
                   "limits":{"priority_support_tickets":{"limit":5,"period":"month"},"storage_gb":{"limit":10},
                             "community_access":{"enabled":true},"ai_agents":{"limit":-1}},
                   "marketingFeatures":[],"prices":[]},
                  {"id":"starter","kind":"plan","name":"Starter","metadata":{"plan_tier":"starter"},
                   "limits":{"max_users":{"limit":3},"max_emails_per_month":{"limit":500,"period":"month"}},
                   "marketingFeatures":[],"prices":[]},
                  {"id":"metered","kind":"plan","name":"Metered (tests)","metadata":{"plan_tier":"metered"},
                   "limits":{"api_calls":{"limit":5,"period":"month"},"seats":{"limit":5},
                             "ai_monthly_token_limit":{"limit":100,"period":"month"},"sso":{"enabled":true}},
                   "marketingFeatures":[],"prices":[]},
                  {"id":"agency","kind":"plan","name":"Agency","metadata":{"plan_tier":"agency","max_users":"15",
                   "max_contacts":"10000","storage_gb":"50","max_api_keys":"5","max_custom_domains":"7","sub_orgs_included":"2",
                   "max_sub_orgs":"20","white_label_level":"full","ai_monthly_token_limit":"1000000"},
                   "limits":{},"marketingFeatures":[],"prices":[]},
                  {"id":"agency_sub_org","kind":"addon","name":"Agency Sub-Organization","metadata":{"addon_type":"sub_organization",
                   "requires_plan":"agency","contacts_per_unit":"2000","storage_gb_per_unit":"5","api_keys_per_unit":"1",
                   "custom_domains_per_unit":"2"},"limits":{},"marketingFeatures":[],"prices":[]},
                  {"id":"ai_tokens","kind":"one_time","name":"AI Token Pack","metadata":{"addon_type":"ai_tokens",
                   "tokens_included":"1000"},"limits":{},"marketingFeatures":[],"prices":[]}]}"""
                .formatted(EVENT_ID);
        TestKafka.send(Topics.CATALOG, "catalog", body, CloudEventHeaders.of(EVENT_ID, "/tollgate/billing-service",
                "catalog.published.v1", Instant.parse("2026-12-06T00:00:00Z"), "catalog"));
    }
}
