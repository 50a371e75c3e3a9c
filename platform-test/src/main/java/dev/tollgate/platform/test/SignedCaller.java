package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.identity.IdentityHeaders;
import dev.tollgate.platform.identity.InternalTokenIssuer;
import dev.tollgate.platform.secrets.RequiredSecretsEnvironmentPostProcessor;

/**
 * Calls a service's API directly, as the gateway would: with an internal identity token for that
 * service, signed with the development key pair of the {@code local} profile (tollgate-local.yml),
 * which the services trust when tests run them with that profile.
 */
public final class SignedCaller {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final InternalTokenIssuer GATEWAY = InternalTokenIssuer.fromJwk(
            RequiredSecretsEnvironmentPostProcessor.developmentValues().get("tollgate.gateway.internal-identity.signing-key"),
            Duration.ofSeconds(60), Clock.systemUTC(), "the local profile's signing key");

    private SignedCaller() {
    }

    /** The headers the gateway would add for {@code caller} on a request to the service named {@code audience}. */
    public static Map<String, String> identityHeaders(CallerIdentity caller, String audience) {
        return Map.of(IdentityHeaders.IDENTITY, GATEWAY.tokenFor(caller, audience));
    }

    /** GET as {@code caller}, with a token for {@code audience} (the service's {@code spring.application.name}). */
    public static HttpResponse<String> get(int port, String path, CallerIdentity caller, String audience) {
        return get(port, path, identityHeaders(caller, audience));
    }

    /** GET with exactly these headers, e.g. none or forged ones. */
    public static HttpResponse<String> get(int port, String path, Map<String, String> headers) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        headers.forEach(request::header);
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
