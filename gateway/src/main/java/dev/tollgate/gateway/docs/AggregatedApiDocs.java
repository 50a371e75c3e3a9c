package dev.tollgate.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ClassPathResource;
import org.springframework.stereotype.Component;

import dev.tollgate.gateway.access.PublicApi;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Builds the merged OpenAPI document. The services' paths are already the gateway's ({@code /api/billing/...}
 * is routed unchanged), so merging is a union: paths, then components, where a schema name two services
 * use for different shapes is renamed {@code <service>.<Name>} in the later one (with its {@code $ref}s).
 * Operation ids get the service's short name as prefix, so they stay unique; every operation is tagged
 * with its service. A service's document is reused for {@code cache-ttl}; one that cannot be fetched is
 * replaced by the last one that could, or left out and listed in {@code info.x-tollgate-missing-services}.
 * <p>
 * The path is public, so no request may cost the gateway more than serving what it holds: a stale copy
 * is served at once while one refresh per service runs in the background, and a failed fetch is
 * remembered for {@code cache-ttl} too, so a service that is down is asked once per period, not once per
 * request. Only the very first request for a service waits for it (at most {@code fetch-timeout}).
 */
@Component
public class AggregatedApiDocs {

    /** The document and the services it could not include. */
    public record Document(ObjectNode json, List<String> missing) {
    }

    /** A fetch's outcome: the service's document, or the last good one (null if none) after a failed fetch. */
    private record Fetched(JsonNode document, Instant at) {
    }

    static final String ROUTES = "spring.cloud.gateway.server.webmvc.routes";
    private static final Logger log = LoggerFactory.getLogger(AggregatedApiDocs.class);
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final Map<String, URI> services;
    private final ApiDocsSettings settings;
    private final Clock clock;
    private final boolean devIssuerEnabled;
    private final ObjectNode gateway;
    private final HttpClient http;
    private final Map<String, Fetched> fetched = new ConcurrentHashMap<>();
    private final Map<String, CompletableFuture<Void>> refreshing = new ConcurrentHashMap<>();

    public AggregatedApiDocs(Environment environment, ApiDocsSettings settings, Clock clock) {
        this.services = services(environment);
        this.settings = settings;
        this.clock = clock;
        this.devIssuerEnabled = environment.getProperty("tollgate.gateway.jwt.dev-issuer-enabled", Boolean.class, false);
        this.gateway = gatewayDocument();
        this.http = HttpClient.newBuilder().connectTimeout(settings.fetchTimeout()).build();
    }

    /** The services whose documents are merged, by name (the route ids of {@code gateway.yml}), with their base URLs. */
    public Map<String, URI> services() {
        return services;
    }

    public Document document() {
        Instant now = clock.instant();
        List<CompletableFuture<Void>> firstFetches = new ArrayList<>();
        services.forEach((name, base) -> {
            Fetched held = fetched.get(name);
            if (held == null || held.at().plus(settings.cacheTtl()).isBefore(now)) {
                CompletableFuture<Void> refresh = refresh(name, base);
                if (held == null) {
                    firstFetches.add(refresh);
                }
            }
        });
        firstFetches.forEach(CompletableFuture::join);
        ObjectNode merged = gateway.deepCopy();
        List<String> missing = new ArrayList<>();
        services.keySet().forEach(name -> {
            Fetched held = fetched.get(name);
            if (held == null || held.document() == null) {
                missing.add(name);
            } else {
                merge(merged, name, held.document().deepCopy());
            }
        });
        ObjectNode info = (ObjectNode) merged.get("info");
        ArrayNode missingNode = info.putArray("x-tollgate-missing-services");
        missing.forEach(missingNode::add);
        if (!missing.isEmpty()) {
            info.put("description", info.path("description").asString("") + " NOT INCLUDED (could not be reached): "
                    + String.join(", ", missing) + ".");
        }
        return new Document(merged, List.copyOf(missing));
    }

    /** The one refresh of {@code name} running, or a new one; it records its outcome before it completes. */
    private CompletableFuture<Void> refresh(String name, URI base) {
        CompletableFuture<Void> mine = new CompletableFuture<>();
        CompletableFuture<Void> running = refreshing.putIfAbsent(name, mine);
        if (running != null) {
            return running;
        }
        fetch(name, base).whenComplete((document, impossible) -> {
            Fetched previous = fetched.get(name);
            JsonNode kept = document != null ? document : previous == null ? null : previous.document();
            fetched.put(name, new Fetched(kept, clock.instant()));
            refreshing.remove(name, mine);
            mine.complete(null);
        });
        return mine;
    }

    private CompletableFuture<JsonNode> fetch(String name, URI base) {
        HttpRequest request = HttpRequest.newBuilder(base.resolve("/v3/api-docs")).timeout(settings.fetchTimeout())
                .header("Accept", "application/json").GET().build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString()).thenApply(response -> {
            if (response.statusCode() != 200) {
                throw new IllegalStateException("status " + response.statusCode());
            }
            JsonNode document = JSON.readTree(response.body());
            if (!document.path("paths").isObject()) {
                throw new IllegalStateException("no paths in the answer");
            }
            return document;
        }).exceptionally(failure -> {
            log.warn("The API description of {} ({}) could not be fetched; serving the document without it or with its "
                    + "last copy: {}", name, base, failure.toString());
            return null;
        });
    }

    private void merge(ObjectNode merged, String service, JsonNode document) {
        String prefix = service.replace("-service", "");
        ObjectNode components = objectAt(merged, "components");
        Map<String, String> renames = new HashMap<>();
        ObjectNode schemas = objectAt(components, "schemas");
        for (Map.Entry<String, JsonNode> schema : document.path("components").path("schemas").properties()) {
            JsonNode held = schemas.get(schema.getKey());
            if (held != null && !held.equals(schema.getValue())) {
                renames.put(schema.getKey(), service + "." + schema.getKey());
            }
        }
        if (!renames.isEmpty()) {
            renameReferences(document, renames);
        }
        for (Map.Entry<String, JsonNode> kind : document.path("components").properties()) {
            ObjectNode target = objectAt(components, kind.getKey());
            for (Map.Entry<String, JsonNode> entry : kind.getValue().properties()) {
                String name = kind.getKey().equals("schemas") ? renames.getOrDefault(entry.getKey(), entry.getKey()) : entry.getKey();
                if (!target.has(name)) {
                    target.set(name, entry.getValue());
                }
            }
        }
        // The service's document-wide requirement (the bearer token) moves onto each operation that has none of its own.
        JsonNode security = document.get("security");
        ObjectNode paths = objectAt(merged, "paths");
        for (Map.Entry<String, JsonNode> path : document.path("paths").properties()) {
            ObjectNode item = objectAt(paths, path.getKey());
            for (Map.Entry<String, JsonNode> operation : path.getValue().properties()) {
                if (operation.getValue() instanceof ObjectNode described && !item.has(operation.getKey())) {
                    if (described.has("operationId")) {
                        described.put("operationId", prefix + "_" + described.get("operationId").asString());
                    }
                    described.putArray("tags").add(service);
                    if (security != null && !described.has("security")) {
                        described.set("security", security.deepCopy());
                    }
                    boolean publicAtTheGateway = PublicApi.isPublic(path.getKey());
                    if (publicAtTheGateway) {
                        described.putArray("security"); // the edge asks no token here, whatever the service's default
                    } else if (security != null && described.path("security").isEmpty()) {
                        // Public inside the network (the service's own list) but not at the edge, which asks for a token.
                        described.set("security", security.deepCopy());
                        ObjectNode responses = objectAt(described, "responses");
                        if (!responses.has("401")) {
                            responses.putObject("401").put("description", "No valid bearer token")
                                    .putObject("content").putObject("application/problem+json").putObject("schema")
                                    .put("$ref", "#/components/schemas/GatewayProblem");
                        }
                    }
                    item.set(operation.getKey(), described);
                } else if (!item.has(operation.getKey())) {
                    item.set(operation.getKey(), operation.getValue());
                }
            }
        }
        ArrayNode tags = merged.has("tags") ? (ArrayNode) merged.get("tags") : merged.putArray("tags");
        String title = document.path("info").path("title").asString(service);
        tags.addObject().put("name", service).put("description", title + ": " + document.path("info").path("description").asString(""));
    }

    private static void renameReferences(JsonNode node, Map<String, String> renames) {
        if (node instanceof ObjectNode object) {
            JsonNode ref = object.get("$ref");
            if (ref != null && ref.isString() && ref.asString().startsWith("#/components/schemas/")) {
                String name = ref.asString().substring("#/components/schemas/".length());
                if (renames.containsKey(name)) {
                    object.put("$ref", "#/components/schemas/" + renames.get(name));
                }
            }
            object.properties().forEach(entry -> renameReferences(entry.getValue(), renames));
        } else if (node instanceof ArrayNode array) {
            array.forEach(element -> renameReferences(element, renames));
        }
    }

    private static ObjectNode objectAt(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        return child instanceof ObjectNode object ? object : parent.putObject(name);
    }

    private ObjectNode gatewayDocument() {
        try (InputStream in = new ClassPathResource("openapi/gateway.json").getInputStream()) {
            ObjectNode document = (ObjectNode) JSON.readTree(in);
            if (!devIssuerEnabled) {
                ObjectNode paths = (ObjectNode) document.get("paths");
                paths.remove("/dev/tokens");
                paths.remove("/dev/jwks.json");
            }
            return document;
        } catch (IOException e) {
            throw new UncheckedIOException("openapi/gateway.json is missing from the gateway's classpath", e);
        }
    }

    /** The routes' targets, one per service: the public catalog's route goes to billing-service too. */
    private static Map<String, URI> services(Environment environment) {
        Map<String, URI> byName = new LinkedHashMap<>();
        for (int i = 0; environment.containsProperty(ROUTES + "[" + i + "].id"); i++) {
            String id = environment.getRequiredProperty(ROUTES + "[" + i + "].id");
            URI uri = URI.create(environment.getRequiredProperty(ROUTES + "[" + i + "].uri"));
            if (!byName.containsValue(uri)) {
                byName.put(id, uri);
            }
        }
        return byName;
    }
}
