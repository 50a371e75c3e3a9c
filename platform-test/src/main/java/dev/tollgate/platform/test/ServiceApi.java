package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.Executors;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Calls one service's API directly, as the gateway would: each request carries an internal identity
 * token for that service, signed with the {@code local} profile's development key at a given clock
 * (a service under a controllable clock verifies tokens against it). A service's own test client
 * extends this with the calls its tests make.
 */
public class ServiceApi {

    public static final JsonMapper JSON = JsonMapper.builder().build();
    // Tests fire hundreds of requests at once; the default executor would serialise them on a few threads.
    private static final HttpClient HTTP = HttpClient.newBuilder().executor(Executors.newFixedThreadPool(32)).build();

    private final int port;
    private final String audience;
    private final InternalTokenIssuer issuer;

    /**
     * @param audience the service's {@code spring.application.name}, which it requires as the token's audience
     */
    protected ServiceApi(int port, String audience, Clock clock) {
        this.port = port;
        this.audience = audience;
        this.issuer = InternalTokenIssuer.fromJwk(RequiredSecretsEnvironmentPostProcessor.developmentValues()
                .get("tollgate.gateway.internal-identity.signing-key"), Duration.ofSeconds(60), clock, "the local signing key");
    }

    public HttpResponse<String> get(CallerIdentity caller, String path) {
        return send(caller, HttpRequest.newBuilder(uri(path)).GET());
    }

    public HttpResponse<String> post(CallerIdentity caller, String path, String json) {
        return send(caller, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json)));
    }

    public HttpResponse<String> put(CallerIdentity caller, String path, String json) {
        return send(caller, HttpRequest.newBuilder(uri(path)).header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(json)));
    }

    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private HttpResponse<String> send(CallerIdentity caller, HttpRequest.Builder request) {
        request.header(IdentityHeaders.IDENTITY, issuer.tokenFor(caller, audience));
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
