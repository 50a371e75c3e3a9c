package dev.tollgate.benchmark;

import static io.gatling.javaapi.core.CoreDsl.StringBody;
import static io.gatling.javaapi.core.CoreDsl.exec;
import static io.gatling.javaapi.core.CoreDsl.listFeeder;
import static io.gatling.javaapi.http.HttpDsl.http;
import static io.gatling.javaapi.http.HttpDsl.status;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import io.gatling.javaapi.core.ChainBuilder;
import io.gatling.javaapi.core.Simulation;
import io.gatling.javaapi.http.HttpRequestActionBuilder;

/**
 * One request, again and again: {@code bench.method} {@code bench.base}{@code bench.path}, with a
 * bearer token of one of the accounts in {@code bench.tokens} (a file, one per line; none for a
 * public path) and {@code bench.body} as JSON. Any answer but {@code bench.expect} counts as a failure.
 */
public class HttpLoadSimulation extends Simulation {

    {
        String base = System.getProperty("bench.base");
        String path = System.getProperty("bench.path");
        String body = System.getProperty("bench.body", "");
        int expect = Integer.getInteger("bench.expect", 200);
        List<Map<String, Object>> tokens = tokens(System.getProperty("bench.tokens", ""));

        HttpRequestActionBuilder request = "POST".equals(System.getProperty("bench.method", "GET"))
                ? http(path).post(path).header("Content-Type", "application/json").body(StringBody(body))
                : http(path).get(path);
        if (!tokens.isEmpty()) {
            request = request.header("Authorization", "Bearer #{token}");
        }
        ChainBuilder setUp = tokens.isEmpty() ? exec(session -> session) : exec(io.gatling.javaapi.core.CoreDsl.feed(
                listFeeder(tokens).circular()));
        setUp(LoadShape.fromSystemProperties().populate(path, setUp, exec(request.check(status().is(expect)))))
                .protocols(http.baseUrl(base).shareConnections().disableCaching());
    }

    private static List<Map<String, Object>> tokens(String file) {
        if (file.isBlank()) {
            return List.of();
        }
        try {
            return Files.readAllLines(Path.of(file)).stream().filter(line -> !line.isBlank())
                    .map(token -> Map.<String, Object>of("token", token)).toList();
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
