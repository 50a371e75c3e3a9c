package dev.tollgate.ticket.entitlement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.ticket.TicketApplication;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.RealInfrastructure;

@SpringBootTest(classes = TicketApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + TicketApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class TicketAllowanceProjectionTest extends EntitlementProjectionContract {

    @LocalServerPort
    int port;

    @Override
    protected int port() {
        return port;
    }

    @Override
    protected String path() {
        return "/api/tickets/allowance/me";
    }

    @Override
    protected String granted() {
        return "\"monthlyLimit\":5";
    }

    @Override
    protected String revoked() {
        return "\"monthlyLimit\":0";
    }
}
