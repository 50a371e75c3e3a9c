package dev.tollgate.platform.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;

import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.Paths;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;

class ProblemResponsesTest {

    final ProblemResponses problems = new ProblemResponses(List.of("GET /api/catalog/**"));

    @Test
    void aProtectedChangeOfANamedResourceDescribesEveryProblemItCanAnswerAsProblemJson() {
        Operation change = new Operation().responses(new ApiResponses().addApiResponse("200", new ApiResponse().description("ok")));
        OpenAPI document = new OpenAPI().paths(new Paths().addPathItem("/api/tickets/{number}/status", new PathItem().post(change)));

        problems.customise(document);

        assertThat(change.getResponses()).containsKeys("200", "400", "401", "403", "404", "409", "429", "503");
        assertThat(change.getResponses().get("429").getHeaders()).containsKey("Retry-After");
        assertThat(change.getResponses().get("404").getContent()).containsKey("application/problem+json");
        assertThat(change.getSecurity()).isNull();
        assertThat(document.getComponents().getSchemas()).containsKey("Problem");
    }

    @Test
    void aPublicReadNeedsNoTokenAndIsNeitherUnauthorizedNorRateLimited() {
        Operation read = new Operation();
        OpenAPI document = new OpenAPI().paths(new Paths().addPathItem("/api/catalog", new PathItem().get(read)));

        problems.customise(document);

        assertThat(read.getSecurity()).isEmpty();
        assertThat(read.getResponses()).containsKeys("400", "503").doesNotContainKeys("401", "403", "404", "409", "429");
    }

    @Test
    void aResponseTheControllerDeclaresIsKept() {
        ApiResponse own = new ApiResponse().description("The ticket is closed");
        Operation change = new Operation().responses(new ApiResponses().addApiResponse("409", own));
        OpenAPI document = new OpenAPI().paths(new Paths().addPathItem("/api/tickets/{number}/comments", new PathItem().post(change)));

        problems.customise(document);

        assertThat(change.getResponses().get("409")).isSameAs(own);
    }
}
