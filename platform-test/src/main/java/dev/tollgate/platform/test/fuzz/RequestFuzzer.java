package dev.tollgate.platform.test.fuzz;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/**
 * Seeded random HTTP requests against a list of known paths: odd methods, mangled paths (path
 * parameters, encoded slashes and dots, traversal, raw non-ASCII, control characters, very long
 * segments), malformed query strings, wrong or broken content types and {@code Accept} headers,
 * forged identity, oversized headers, and bodies from valid JSON to random bytes. Every request
 * is valid enough to be answered (exact {@code Content-Length}, no half-sent bodies), so a test
 * can require an answer to each one. The same seed gives the same sequence.
 */
public final class RequestFuzzer {

    private static final String[] METHODS = { "GET", "GET", "GET", "POST", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS", "TRACE", "PROPFIND", "BREW", "get", "M-SEARCH", "CONNECT" };
    private static final String[] QUERIES = { "", "", "", "?a=1", "?a=%ZZ", "?=&&==", "?%", "?a=1&a=2&b", "?x=%00",
            "?q=%E2%82%AC", "?q=" + "x".repeat(3000), "?page=-1&size=abc", "?x=${jndi:ldap://x}", "?a[]=1&a[b]=2", "?&",
            "?%G1=1", "?a=%" };
    private static final String[] CONTENT_TYPES = { "application/json", "application/json", "*/*", "text/plain",
            "multipart/form-data", "multipart/form-data; boundary=", "application/x-www-form-urlencoded", ";;;", "garbage",
            "application/json; charset=bogus", "application/xml", "application/*", "text/html; charset=utf-8" };
    private static final String[] ACCEPTS = { ",,,", "*/*", "text/html", "application/xml", "garbage/", "application/json",
            "application/problem+json", "text/plain;q=abc", "*/*;q=0", "image/png" };

    private final Random random;
    private final List<String> paths;
    private final List<Map.Entry<String, String>> alwaysHeaders;
    private final int manglePercent;

    /**
     * @param seed makes the sequence reproducible; print it with a failure
     * @param paths the endpoints to aim at (exact, parameter values filled in)
     * @param alwaysHeaders sent with every request (e.g. a valid bearer token), unless the request drops them
     * @param manglePercent how many requests in a hundred get a mangled path; the rest go to the path as
     *        given, so they reach the endpoint and test its handling of the query, headers and body
     */
    public RequestFuzzer(long seed, List<String> paths, List<Map.Entry<String, String>> alwaysHeaders, int manglePercent) {
        this.random = new Random(seed);
        this.paths = List.copyOf(paths);
        this.alwaysHeaders = List.copyOf(alwaysHeaders);
        this.manglePercent = manglePercent;
    }

    public RawHttp.Request next() {
        String method = pick(METHODS);
        String path = pick(paths);
        String target = (random.nextInt(100) < manglePercent ? mangle(path) : path) + pick(QUERIES);
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        if (random.nextInt(10) > 0) {
            headers.addAll(alwaysHeaders);
        }
        byte[] body = new byte[0];
        if (random.nextInt(3) > 0) {
            headers.add(Map.entry("Content-Type", pick(CONTENT_TYPES)));
            body = body();
        }
        if (random.nextBoolean()) {
            headers.add(Map.entry("Accept", pick(ACCEPTS)));
        }
        int extras = random.nextInt(3);
        for (int i = 0; i < extras; i++) {
            headers.add(extraHeader());
        }
        return new RawHttp.Request(method, target, headers, body);
    }

    private String mangle(String path) {
        return switch (random.nextInt(18)) {
            case 0 -> path.replaceFirst("/api", "/api;x=1");
            case 1 -> path.replaceFirst("/a", "/%61");
            case 2 -> path.toUpperCase(Locale.ROOT);
            case 3 -> "/" + path;
            case 4 -> path.replaceFirst("/api/", "/api/%2F");
            case 5 -> path.replaceFirst("/api/", "/api/./");
            case 6 -> path.replaceFirst("/api/", "/api/../api/");
            case 7 -> path + "/%2e%2e/x";
            case 8 -> path + "/\u00e9t\u00e9";
            case 9 -> path + "/%00";
            case 10 -> path + "/" + "a".repeat(5000);
            case 11 -> path + "\\..\\x";
            case 12 -> path + "/%25";
            case 13 -> path + "/%ZZ";
            case 14 -> path + "/";
            case 15 -> path + "/unknown";
            default -> path + "#frag";
        };
    }

    private Map.Entry<String, String> extraHeader() {
        return switch (random.nextInt(12)) {
            case 0 -> Map.entry("X-Tollgate-Account-Id", "acct_victim");
            case 1 -> Map.entry("X-TOLLGATE-USER-ID", "user_forged");
            case 2 -> Map.entry("Cookie", "SESSION=abc; other=" + "c".repeat(random.nextInt(100)));
            case 3 -> Map.entry("X-Big", "b".repeat(9_000 + random.nextInt(20_000)));
            case 4 -> Map.entry("X-Unicode", "caf\u00e9 \u2603");
            case 5 -> Map.entry("Stripe-Signature", pick(new String[] { "t=abc,v1=00", "", "garbage", "t=1,v1=",
                    "t=" + "9".repeat(40) + ",v1=ab", "v1=" + "f".repeat(5000), "t=,v1=,v0=" }));
            case 6 -> Map.entry("Authorization", pick(new String[] { "Bearer ", "Bearer abc.def.ghi", "Basic Zm9vOmJhcg==",
                    "Bearer " + "x".repeat(3000), "bearer" }));
            case 7 -> Map.entry("Content-Encoding", "gzip");
            case 8 -> Map.entry("Range", "bytes=abc");
            case 9 -> Map.entry("If-Modified-Since", "yesterday");
            case 10 -> Map.entry("Origin", "http://evil.example");
            default -> Map.entry("X-Request-Id", Long.toHexString(random.nextLong()));
        };
    }

    private byte[] body() {
        Supplier<String> json = () -> switch (random.nextInt(10)) {
            case 0 -> "{}";
            case 1 -> "{\"a\":";
            case 2 -> "[]";
            case 3 -> "null";
            case 4 -> "{\"id\":\"evt_1\",\"type\":\"customer.subscription.created\",\"created\":\"soon\",\"data\":7}";
            case 5 -> "a=%ZZ&b";
            case 6 -> "--x\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nv\r\n--x--";
            case 7 -> "{\"accountId\":\"#{T(java.lang.Runtime)}\",\"userId\":\"" + "u".repeat(500) + "\"}";
            case 8 -> "{\"n\":" + "[".repeat(2000) + "]".repeat(2000) + "}";
            default -> "{\"k\":\"" + "v".repeat(random.nextInt(50_000)) + "\"}";
        };
        if (random.nextInt(8) == 0) {
            byte[] bytes = new byte[random.nextInt(2048)];
            random.nextBytes(bytes);
            return bytes;
        }
        return json.get().getBytes(StandardCharsets.UTF_8);
    }

    private String pick(String[] choices) {
        return choices[random.nextInt(choices.length)];
    }

    private String pick(List<String> choices) {
        return choices.get(random.nextInt(choices.size()));
    }
}
