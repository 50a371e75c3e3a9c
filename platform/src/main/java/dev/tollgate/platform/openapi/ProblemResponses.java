package dev.tollgate.platform.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springdoc.core.customizers.OpenApiCustomizer;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

/**
 * Adds to every operation the RFC 9457 problems it can answer, each as {@code application/problem+json}
 * with the {@code Problem} schema and an example: 400 (a malformed request or one that fails validation),
 * 401 and 403 (unless public), 404 (a path naming a resource), 409 (a change that conflicts with the
 * state), 429 (the caller's plan rate limit at the gateway, with {@code Retry-After}) and 503 (a
 * dependency is away, with {@code Retry-After}). An operation keeps any response its controller declares.
 * Public operations ({@code tollgate.identity.public-paths}) need no token.
 */
final class ProblemResponses implements OpenApiCustomizer {

    static final String PROBLEM = "Problem";
    static final String PROBLEM_JSON = "application/problem+json";

    private record PublicPath(String method, PathPattern pattern) {
    }

    private final List<PublicPath> publicPaths = new ArrayList<>();

    ProblemResponses(List<String> publicPaths) {
        for (String entry : publicPaths) {
            String[] parts = entry.trim().split("\\s+", 2);
            boolean withMethod = parts.length == 2;
            this.publicPaths.add(new PublicPath(withMethod ? parts[0] : null,
                    PathPatternParser.defaultInstance.parse(withMethod ? parts[1] : parts[0])));
        }
    }

    @Override
    public void customise(OpenAPI openApi) {
        if (openApi.getComponents() == null) {
            openApi.setComponents(new Components());
        }
        openApi.getComponents().addSchemas(PROBLEM, problemSchema());
        if (openApi.getPaths() == null) {
            return;
        }
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap().forEach((method, operation) ->
                describe(path, method, operation)));
    }

    private void describe(String path, PathItem.HttpMethod method, Operation operation) {
        boolean isPublic = isPublic(method.name(), path);
        boolean changes = method == PathItem.HttpMethod.POST || method == PathItem.HttpMethod.PUT
                || method == PathItem.HttpMethod.PATCH || method == PathItem.HttpMethod.DELETE;
        Map<String, ApiResponse> problems = new LinkedHashMap<>();
        problems.put("400", problem("Bad request", "The request is malformed or fails validation; the detail says which field.",
                400, "Bad Request", "Field 'subject' must not be blank.", path));
        if (isPublic) {
            operation.setSecurity(List.of());
        } else {
            problems.put("401", problem("No valid bearer token", "Missing, expired or otherwise invalid 'Authorization: Bearer' token.",
                    401, "Unauthorized", "This API needs an 'Authorization: Bearer <JWT>' header.", path));
            problems.put("403", problem("Not allowed", "The caller's account or role may not do this.",
                    403, "Forbidden", "The caller may not do this.", path));
        }
        if (path.contains("{")) {
            problems.put("404", problem("Not found", "Nothing of that id in the caller's account.",
                    404, "Not Found", "No such resource in this account.", path));
        }
        if (changes) {
            problems.put("409", problem("Conflict", "The change conflicts with the resource's current state.",
                    409, "Conflict", "The resource is not in a state that allows this.", path));
        }
        if (!isPublic) {
            problems.put("429", problem("Rate limit exhausted", "The account used its plan's requests per minute or per "
                    + "day (gateway); 'Retry-After' says when to come back.", 429, "Too many requests",
                    "Account 'acct_1' used its 60 requests per minute (its plan's rate_limit_per_minute); retry after 12 s.",
                    path).addHeaderObject("Retry-After", retryAfter()));
        }
        problems.put("503", problem("Temporarily unavailable", "A dependency of this call is away; retry after "
                + "'Retry-After' seconds.", 503, "Service Unavailable", "The service cannot answer right now; retry later.",
                path).addHeaderObject("Retry-After", retryAfter()));
        if (operation.getResponses() == null) {
            operation.setResponses(new ApiResponses());
        }
        problems.forEach((status, response) -> operation.getResponses().putIfAbsent(status, response));
    }

    private boolean isPublic(String method, String path) {
        // The document writes path variables as {name}; a pattern of the public list matches them as segments.
        PathContainer container = PathContainer.parsePath(path);
        return publicPaths.stream().anyMatch(candidate -> (candidate.method() == null || candidate.method().equalsIgnoreCase(method))
                && candidate.pattern().matches(container));
    }

    private static ApiResponse problem(String summary, String description, int status, String title, String detail, String path) {
        Map<String, Object> example = new LinkedHashMap<>();
        example.put("type", "about:blank");
        example.put("title", title);
        example.put("status", status);
        example.put("detail", detail);
        example.put("instance", path);
        return new ApiResponse().description(summary + ": " + description)
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + PROBLEM))
                        .addExamples(Integer.toString(status), new Example().summary(summary).value(example))));
    }

    private static Header retryAfter() {
        return new Header().description("Seconds to wait before retrying").schema(new IntegerSchema().minimum(java.math.BigDecimal.ONE));
    }

    @SuppressWarnings({ "rawtypes", "unchecked" })
    private static Schema problemSchema() {
        Schema schema = new ObjectSchema().description("An RFC 9457 problem detail; every error of the API is one.")
                .addProperty("type", new StringSchema().format("uri-reference").description("Identifies the kind of problem")
                        ._default("about:blank"))
                .addProperty("title", new StringSchema().description("Short summary of the kind of problem"))
                .addProperty("status", new IntegerSchema().description("The HTTP status code"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request, for a human"))
                .addProperty("instance", new StringSchema().format("uri-reference").description("The request's path"));
        schema.setRequired(List.of("title", "status"));
        return schema;
    }
}
