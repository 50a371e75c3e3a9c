package dev.tollgate.ticket.sla;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.SchedulingConfigurer;

import dev.tollgate.ticket.TicketSettings;

/** Runs the response-target job every {@code tollgate.tickets.response-check-interval}. */
@Configuration
class ResponseSchedule {

    @Bean
    SchedulingConfigurer responseTargetSchedule(ResponseTargetJob job, TicketSettings settings) {
        return registrar -> registrar.addFixedDelayTask(job::runOnOneReplica, settings.responseCheckInterval());
    }
}
