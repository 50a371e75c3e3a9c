package dev.tollgate.ticket.sla;

import java.time.Duration;
import java.util.Map;

import org.springframework.stereotype.Component;

import dev.tollgate.ticket.TicketSettings;

/** The first-response target of a ticket from its account's plan and its priority ({@code tollgate.tickets.response-targets}). */
@Component
public class ResponseTargets {

    private final TicketSettings settings;

    public ResponseTargets(TicketSettings settings) {
        this.settings = settings;
    }

    public Duration targetFor(String planId, String priority) {
        Map<String, Duration> byPriority = planId == null ? null : settings.responseTargets().get(planId);
        if (byPriority == null) {
            return settings.defaultResponseTarget();
        }
        Duration target = byPriority.get(priority);
        if (target == null) {
            target = byPriority.get("default");
        }
        return target == null ? settings.defaultResponseTarget() : target;
    }
}
