package dev.tollgate.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;


class InternalIdentityFilterTest {

    private static final OctetKeyPair KEY = Ed25519Jws.generate("gateway-1");
    private static final CallerIdentity CALLER = new CallerIdentity("user_1", "acct_1", null, List.of("owner"));

    private final InternalTokenIssuer issuer = new InternalTokenIssuer(KEY, Duration.ofSeconds(60), Clock.systemUTC());
    private final InternalIdentityFilter filter = new InternalIdentityFilter(
            new InternalTokenVerifier(new JWKSet(KEY.toPublicJWK()), "billing-service", Duration.ofSeconds(5), Clock.systemUTC()),
            List.of("GET /api/billing/plans"));

    @Test
    void anApiRequestWithoutATokenIsAProblemBeforeAnyController() throws Exception {
        Result result = run("GET", "/api/billing/invoices", null);

        assertThat(result.reachedController()).isFalse();
        assertThat(result.response().getStatus()).isEqualTo(401);
        assertThat(result.response().getContentType()).isEqualTo("application/problem+json");
        assertThat(result.response().getContentAsString()).contains("\"status\":401");
    }

    @Test
    void aValidTokenForThisServiceReachesTheControllerWithItsCaller() throws Exception {
        Result result = run("GET", "/api/billing/invoices", issuer.tokenFor(CALLER, "billing-service"));

        assertThat(result.reachedController()).isTrue();
        assertThat(result.request().getAttribute(InternalIdentityFilter.CALLER_ATTRIBUTE)).isEqualTo(CALLER);
    }

    @Test
    void anotherServicesTokenIsRefused() throws Exception {
        Result result = run("GET", "/api/billing/invoices", issuer.tokenFor(CALLER, "entitlement-service"));

        assertThat(result.reachedController()).isFalse();
        assertThat(result.response().getStatus()).isEqualTo(401);
    }

    @Test
    void aPublicPathIsServedWithoutATokenButOnlyForItsMethod() throws Exception {
        assertThat(run("GET", "/api/billing/plans", null).reachedController()).isTrue();
        assertThat(run("POST", "/api/billing/plans", null).reachedController()).isFalse();
        assertThat(run("GET", "/actuator/health/readiness", null).reachedController()).isTrue();
    }

    @Test
    void anInvalidTokenIsRefusedAlsoOnAPublicPath() throws Exception {
        assertThat(run("GET", "/api/billing/plans", "forged").response().getStatus()).isEqualTo(401);
    }

    @Test
    void variantsOfAPublicPathThatLeadElsewhereNeedAToken() throws Exception {
        assertThat(run("GET", "/actuator/../api/billing/invoices", null).reachedController()).isFalse();
        assertThat(run("GET", "/api/billing/plans/../invoices", null).reachedController()).isFalse();
        assertThat(run("GET", "/actuator/%2e%2e/api/billing/invoices", null).reachedController()).isFalse();
    }

    private Result run(String method, String uri, String token) throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, uri);
        request.setServletPath(uri);
        if (token != null) {
            request.addHeader(IdentityHeaders.IDENTITY, token);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Result(request, response, chain.getRequest() != null);
    }

    private record Result(MockHttpServletRequest request, MockHttpServletResponse response, boolean reachedController) {
    }
}
