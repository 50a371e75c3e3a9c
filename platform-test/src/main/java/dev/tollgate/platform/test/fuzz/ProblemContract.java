package dev.tollgate.platform.test.fuzz;

import java.util.Set;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The error contract of every Tollgate API: a 4xx or 5xx answer is {@code application/problem+json}
 * whose {@code status} is the response's, and a 5xx only where the platform itself is at fault.
 */
public final class ProblemContract {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private ProblemContract() {
    }

    /** What the response breaks, or {@code null} when it keeps the contract. */
    public static String violation(RawHttp.Request request, RawHttp.Response response, Set<Integer> allowedServerErrors) {
        int status = response.status();
        if (status >= 500 && !allowedServerErrors.contains(status)) {
            return "server error " + status + ": " + response.body();
        }
        if (status < 400) {
            return null;
        }
        String contentType = response.header("content-type");
        if (contentType == null || !contentType.startsWith("application/problem+json")) {
            return status + " with content type " + contentType + ": "
                    + (response.body().length() > 300 ? response.body().substring(0, 300) : response.body());
        }
        if (request.method().equals("HEAD")) {
            return null;
        }
        try {
            JsonNode problem = JSON.readTree(response.body());
            if (problem.path("status").asInt() != status || !problem.hasNonNull("title")) {
                return status + " with a problem body that lacks a matching status or a title: " + response.body();
            }
        } catch (RuntimeException e) {
            return status + " with a body that is not JSON: " + response.body();
        }
        return null;
    }
}
