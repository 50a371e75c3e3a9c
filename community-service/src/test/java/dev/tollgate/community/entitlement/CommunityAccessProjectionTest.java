package dev.tollgate.community.entitlement;

import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

import dev.tollgate.community.CommunityApplication;
import dev.tollgate.platform.test.EntitlementProjectionContract;
import dev.tollgate.platform.test.RealInfrastructure;

@SpringBootTest(classes = CommunityApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "spring.config.name=" + CommunityApplication.CONFIG_NAME)
@ContextConfiguration(initializers = RealInfrastructure.class)
class CommunityAccessProjectionTest extends EntitlementProjectionContract {

    @LocalServerPort
    int port;

    @Override
    protected int port() {
        return port;
    }

    @Override
    protected String path() {
        return "/api/community/access/me";
    }

    @Override
    protected String granted() {
        return "\"communityAccess\":true";
    }

    @Override
    protected String revoked() {
        return "\"communityAccess\":false";
    }
}
