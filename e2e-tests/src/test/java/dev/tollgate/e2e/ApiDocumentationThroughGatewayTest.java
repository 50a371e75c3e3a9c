package dev.tollgate.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;

import io.swagger.parser.OpenAPIParser;
import io.swagger.v3.parser.core.models.SwaggerParseResult;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The one OpenAPI document a frontend reads, fetched through the running platform's gateway without a
 * token: it names every endpoint every process serves (read from each application context's
 * {@code RequestMappingHandlerMapping}, so a new controller method without a description fails here),
 * describes the problems and the bearer scheme, and validates as OpenAPI 3.1.
 */
@ExtendWith(NeedsDockerForContainers.class)
@SharedPlatform
class ApiDocumentationThroughGatewayTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    /** Served by every process, described by none: the problem page of the error dispatch. */
    private static final Set<String> UNDOCUMENTED = Set.of("/error");

    private static RunningPlatform running;

    @BeforeAll
    static void usePlatform() {
        running = RunningPlatform.shared();
    }

    @Test
    void theGatewayServesOneValidOpenApi31DocumentWithEveryEndpointOfEveryService() throws Exception {
        // A service missing from one answer (slow to answer on a busy machine) is fetched again on the next request.
        HttpResponse<String> answer = await().atMost(Duration.ofSeconds(90)).until(() -> HTTP.send(HttpRequest.newBuilder(
                URI.create(running.platform().gatewayUrl() + "/v3/api-docs")).GET().build(), HttpResponse.BodyHandlers.ofString()),
                response -> response.statusCode() == 200 && response.headers().firstValue("Tollgate-Missing-Services").isEmpty());

        JsonNode document = JSON.readTree(answer.body());
        assertThat(document.at("/info/x-tollgate-missing-services").size()).isZero();

        List<String> missing = new ArrayList<>();
        for (ConfigurableApplicationContext process : running.platform().contexts()) {
            String name = process.getEnvironment().getProperty("spring.application.name");
            RequestMappingHandlerMapping mappings = process.getBean("requestMappingHandlerMapping", RequestMappingHandlerMapping.class);
            for (Map.Entry<RequestMappingInfo, HandlerMethod> handler : mappings.getHandlerMethods().entrySet()) {
                // springdoc's own endpoints on each service are what the gateway reads, not API for frontends.
                if (handler.getValue().getBeanType().getPackageName().startsWith("org.springdoc")) {
                    continue;
                }
                RequestMappingInfo mapping = handler.getKey();
                for (String path : mapping.getPatternValues()) {
                    if (UNDOCUMENTED.contains(path)) {
                        continue;
                    }
                    Set<RequestMethod> methods = mapping.getMethodsCondition().getMethods();
                    if (methods.isEmpty()) {
                        missing.add(name + ": " + path + " answers every method; say which in its mapping");
                    }
                    for (RequestMethod method : methods) {
                        JsonNode operation = document.path("paths").path(path.replaceAll("\\{([^}:]+):[^}]*}", "{$1}"))
                                .path(method.name().toLowerCase());
                        if (!operation.isObject()) {
                            missing.add(name + ": " + method + " " + path);
                        } else if (path.startsWith("/api/")) {
                            assertThat(operation.path("responses").has("400")).as(method + " " + path + " describes its 400 problem")
                                    .isTrue();
                            assertThat(operation.path("responses").has("503")).as(method + " " + path + " describes its 503").isTrue();
                        }
                    }
                }
            }
        }
        assertThat(missing).as("endpoints the gateway's document does not describe").isEmpty();

        assertThat(document.at("/components/securitySchemes/bearer/scheme").asString()).isEqualTo("bearer");
        assertThat(document.at("/components/schemas/Problem/properties/status").isObject()).isTrue();
        assertThat(document.at("/paths/~1api~1tickets/post/responses/429/content/application~1problem+json").isObject()).isTrue();
        assertThat(document.at("/paths/~1api~1catalog/get/security").size()).as("the public catalog needs no token").isZero();

        SwaggerParseResult parsed = new OpenAPIParser().readContents(answer.body(), null, null);
        assertThat(parsed.getMessages()).as("OpenAPI 3.1 validation").isEmpty();
        assertThat(parsed.getOpenAPI().getOpenapi()).startsWith("3.1");
    }
}
