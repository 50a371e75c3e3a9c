package dev.tollgate.benchmark;

import static io.gatling.javaapi.core.CoreDsl.atOnceUsers;
import static io.gatling.javaapi.core.CoreDsl.constantUsersPerSec;

import java.time.Duration;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.PopulationBuilder;
import io.gatling.javaapi.core.ScenarioBuilder;

/**
 * How a simulation loads the platform, from the system properties {@link GatlingRun} passes: either a
 * closed model ({@code bench.users} users each sending back to back on kept-alive connections, for the
 * most the system serves) or an open model ({@code bench.rate} requests a second whatever the answers
 * take, for the latency at a fixed arrival rate), for {@code bench.seconds}.
 */
record LoadShape(int users, int rate, Duration duration) {

    static LoadShape fromSystemProperties() {
        return new LoadShape(Integer.getInteger("bench.users", 32), Integer.getInteger("bench.rate", 0),
                Duration.ofSeconds(Integer.getInteger("bench.seconds", 20)));
    }

    PopulationBuilder populate(String name, ChainBuilder setUp, ChainBuilder request) {
        if (rate > 0) {
            ScenarioBuilder once = io.gatling.javaapi.core.CoreDsl.scenario(name).exec(setUp).exec(request);
            return once.injectOpen(constantUsersPerSec(rate).during(duration));
        }
        ScenarioBuilder loop = io.gatling.javaapi.core.CoreDsl.scenario(name).exec(setUp)
                .during(duration).on(request);
        return loop.injectOpen(atOnceUsers(users));
    }
}
