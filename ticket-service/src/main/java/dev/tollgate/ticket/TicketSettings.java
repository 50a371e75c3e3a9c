package dev.tollgate.ticket;

import java.time.Duration;
import java.util.Map;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code tollgate.tickets.*}: numbering, the plan a free account is told to buy, the reopen window
 * and the first-response targets.
 *
 * @param numberPrefix the organization prefix of ticket numbers ({@code LATAM} gives {@code LATAM-00123})
 * @param upgradePlan the plan named to an account without priority support (what to buy)
 * @param reopenWindow how long after its resolution a customer may reopen a ticket
 * @param responseTargets per plan id, the first-response target by priority ({@code low}, ...,
 *        {@code urgent}) with {@code default} for the priorities not named
 * @param defaultResponseTarget for a plan not listed (or no plan known)
 * @param responseDueLead how long before its target a ticket without a reply is announced as due
 * @param responseCheckInterval how often the response-target job looks for due and breached tickets
 */
@ConfigurationProperties("tollgate.tickets")
public record TicketSettings(@DefaultValue("LATAM") String numberPrefix,
        @DefaultValue("Community Edition") String upgradePlan,
        @DefaultValue("7d") Duration reopenWindow,
        Map<String, Map<String, Duration>> responseTargets,
        @DefaultValue("24h") Duration defaultResponseTarget,
        @DefaultValue("1h") Duration responseDueLead,
        @DefaultValue("30s") Duration responseCheckInterval) {

    public TicketSettings {
        responseTargets = responseTargets == null ? Map.of() : Map.copyOf(responseTargets);
    }
}
