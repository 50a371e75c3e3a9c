package dev.tollgate.platform.test;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Map;

/** Calls a service's API directly, as the gateway would: with the given signed identity headers. */
public final class SignedCaller {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SignedCaller() {
    }

    public static HttpResponse<String> get(int port, String path, Map<String, String> identityHeaders) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path));
        identityHeaders.forEach(request::header);
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
