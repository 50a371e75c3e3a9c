package dev.tollgate.platform.test.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.test.fuzz.RawHttp;

/**
 * What every Tollgate process gets from the platform's web auto-configuration: whichever layer
 * refuses a request (Spring MVC, the error dispatch, Tomcat itself), the answer is a problem
 * detail, and a client mistake is never a 500. A minimal service stands in for the six real ones.
 */
@SpringBootTest(classes = ProblemEverywhereTest.MinimalService.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = { "spring.mvc.problemdetails.enabled=true", "spring.application.name=problem-everywhere-test",
                // This minimal service tests how errors look; who may call is InternalIdentityFilterTest's subject.
                "tollgate.identity.enforce=false" })
class ProblemEverywhereTest {

    @LocalServerPort
    int port;

    @ParameterizedTest(name = "{0} {1} [{2}] -> {3}")
    @CsvSource(delimiter = '|', value = {
            "GET    | /orders?limit=%ZZ              |                                           | 400",
            "GET    | /orders?=&&==                  |                                           | 400",
            "GET    | /orders?limit=abc              |                                           | 400",
            "GET    | /orders                        |                                           | 400",
            "GET    | /nothing-here                  |                                           | 404",
            "GET    | /nothing-here                  | Accept: text/html                         | 404",
            "GET    | /orders?limit=1                | Accept: ,,,                               | 200",
            "GET    | /orders?limit=1                | Accept: garbage/                          | 400",
            "GET    | /orders?limit=1                | Accept: image/png                         | 406",
            "DELETE | /orders?limit=1                |                                           | 405",
            "POST   | /orders                        | Content-Type: */*                         | 415",
            "POST   | /orders                        | Content-Type: text/plain                  | 415",
            "POST   | /orders                        | Content-Type: multipart/form-data         | 415",
            "POST   | /orders                        | Content-Type: application/json; charset=x | 415",
            "POST   | /orders                        | Content-Type: application/json            | 400",
            "POST   | /orders                        | Content-Encoding: gzip                    | 415",
            "TRACE  | /orders                        |                                           | 405",
            "CONNECT| /orders                        |                                           | 405",
            "BREW   | /orders                        |                                           | 405",
            "GET    | /orders/%2e%2e/%2e%2e/etc      |                                           | 400",
            "GET    | /orders/\u00e9                 |                                           | 400",
            "GET    | /orders/%00                    |                                           | 400",
            "GET    | /orders?limit=1                | X-Big: BIG                                | 400",
            "GET    | /boom                          |                                           | 500",
            "GET    | /error                         |                                           | 404" })
    void everyRefusalIsAProblemDetailWithTheRightStatus(String method, String target, String header, int status)
            throws Exception {
        List<Map.Entry<String, String>> headers = header == null ? List.of()
                : List.of(Map.entry(header.substring(0, header.indexOf(':')).trim(),
                        header.substring(header.indexOf(':') + 1).trim().replace("BIG", "b".repeat(20_000))));
        byte[] body = method.equals("POST") ? "{\"quantity\":".getBytes(StandardCharsets.UTF_8) : new byte[0];

        RawHttp.Response response = RawHttp.send("localhost", port, new RawHttp.Request(method, target, headers, body));

        assertThat(response.status()).as(response.body()).isEqualTo(status);
        if (status >= 400) {
            assertThat(response.header("content-type")).startsWith("application/problem+json");
            assertThat(response.body()).contains("\"status\":" + status).contains("\"title\":")
                    .doesNotContain("Exception").doesNotContain("<html");
        }
    }

    @Test
    void aServerFaultIsA500ThatRevealsNothing() throws Exception {
        RawHttp.Response response = RawHttp.send("localhost", port, new RawHttp.Request("GET", "/boom", List.of(), new byte[0]));

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.body()).doesNotContain("database password").doesNotContain("at dev.tollgate");
    }

    @SpringBootApplication
    static class MinimalService {

        @RestController
        static class Orders {

            @GetMapping("/orders")
            Map<String, Integer> list(@RequestParam int limit) {
                return Map.of("limit", limit);
            }

            @PostMapping("/orders")
            Map<String, Object> create(@RequestBody Map<String, Object> order) {
                return order;
            }

            @GetMapping("/boom")
            String boom() {
                throw new IllegalStateException("database password is hunter2");
            }
        }
    }
}
