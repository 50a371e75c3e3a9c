package dev.tollgate.gateway.docs;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Properties;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.ClassPathResource;
import org.springframework.http.CacheControl;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.config.annotation.ResourceHandlerRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** {@code GET /v3/api-docs} (the merged document) and {@code GET /docs} (Swagger UI, from the swagger-ui webjar). */
@RestController
class ApiDocsController {

    private static final String PAGE = """
            <!DOCTYPE html>
            <html lang="en">
            <head>
              <meta charset="utf-8">
              <title>Tollgate API</title>
              <link rel="stylesheet" href="/docs/swagger-ui/swagger-ui.css">
            </head>
            <body>
              <div id="swagger-ui"></div>
              <script src="/docs/swagger-ui/swagger-ui-bundle.js"></script>
              <script src="/docs/swagger-ui/swagger-ui-standalone-preset.js"></script>
              <script>
                window.ui = SwaggerUIBundle({ url: "/v3/api-docs", dom_id: "#swagger-ui", deepLinking: true,
                  presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset], layout: "StandaloneLayout" });
              </script>
            </body>
            </html>
            """;

    private final AggregatedApiDocs docs;

    ApiDocsController(AggregatedApiDocs docs) {
        this.docs = docs;
    }

    @GetMapping(path = "/v3/api-docs", produces = MediaType.APPLICATION_JSON_VALUE)
    ResponseEntity<String> apiDocs() {
        AggregatedApiDocs.Document document = docs.document();
        ResponseEntity.BodyBuilder answer = ResponseEntity.ok().cacheControl(CacheControl.noCache());
        if (!document.missing().isEmpty()) {
            answer.header("Tollgate-Missing-Services", String.join(", ", document.missing()));
        }
        return answer.body(document.json().toString());
    }

    @GetMapping(path = "/docs", produces = MediaType.TEXT_HTML_VALUE)
    String swaggerUi() {
        return PAGE;
    }

    /** Serves the swagger-ui webjar's files under {@code /docs/swagger-ui/}, whatever its version. */
    @Configuration(proxyBeanMethods = false)
    static class SwaggerUiAssets {

        @Bean
        WebMvcConfigurer swaggerUiAssets() {
            String version = webjarVersion();
            return new WebMvcConfigurer() {
                @Override
                public void addResourceHandlers(ResourceHandlerRegistry registry) {
                    registry.addResourceHandler("/docs/swagger-ui/**")
                            .addResourceLocations("classpath:/META-INF/resources/webjars/swagger-ui/" + version + "/");
                }
            };
        }

        private static String webjarVersion() {
            try (InputStream in = new ClassPathResource("META-INF/maven/org.webjars/swagger-ui/pom.properties").getInputStream()) {
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version");
            } catch (IOException e) {
                throw new UncheckedIOException("the swagger-ui webjar is missing from the gateway's classpath", e);
            }
        }
    }
}
