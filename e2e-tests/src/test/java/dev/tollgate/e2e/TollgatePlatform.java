package dev.tollgate.e2e;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

import dev.tollgate.billing.BillingApplication;
import dev.tollgate.community.CommunityApplication;
import dev.tollgate.entitlement.EntitlementApplication;
import dev.tollgate.gateway.GatewayApplication;
import dev.tollgate.notification.NotificationApplication;
import dev.tollgate.platform.test.ControllableClock;
import dev.tollgate.subscription.SubscriptionApplication;
import dev.tollgate.ticket.TicketApplication;

/**
 * The whole platform in this JVM: six services, each with its own database on one PostgreSQL
 * server, all on one Kafka broker (both from {@link Infrastructure}: embedded by default,
 * containers with {@code -Pcontainers}), and the gateway routing to them.
 */
final class TollgatePlatform implements AutoCloseable {

    static final String WEBHOOK_SECRET = "whsec_e2e_" + "0123456789abcdef";

    /**
     * Spring Security is on this shared classpath only because the gateway uses it; a service's own
     * classpath has none, so its auto-configuration (a login for every path) is left out here.
     */
    static final String WITHOUT_SPRING_SECURITY = String.join(",",
            "org.springframework.boot.security.autoconfigure.SecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.actuate.web.servlet.ManagementWebSecurityAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterAutoConfiguration",
            "org.springframework.boot.security.autoconfigure.web.servlet.ServletWebSecurityAutoConfiguration");

    private final List<ConfigurableApplicationContext> contexts = new ArrayList<>();
    private final int gatewayPort;
    private final int gatewayManagementPort;
    private final Infrastructure infrastructure;
    /** Process name (billing ... notification, gateway) to its API port and to its management (actuator) port. */
    private final Map<String, Integer> apiPorts = new java.util.LinkedHashMap<>();
    private final Map<String, Integer> managementPorts = new java.util.LinkedHashMap<>();

    TollgatePlatform(Infrastructure infrastructure, int smtpPort, String stripeApiBase) {
        this(infrastructure, smtpPort, stripeApiBase, Map.of());
    }

    /** @param billingSettings more settings of billing-service, e.g. its catalog ({@code tollgate.catalog.name}) */
    TollgatePlatform(Infrastructure infrastructure, int smtpPort, String stripeApiBase, Map<String, Object> billingSettings) {
        this.infrastructure = infrastructure;
        Map<String, Integer> ports = new HashMap<>();
        Map<String, Object> billing = new HashMap<>(billingSettings);
        billing.put("tollgate.stripe.api-base", stripeApiBase);
        ports.put("billing", start(BillingApplication.class, BillingApplication.CONFIG_NAME, billing));
        ports.put("subscription", start(SubscriptionApplication.class, SubscriptionApplication.CONFIG_NAME, Map.of()));
        ports.put("entitlement", start(EntitlementApplication.class, EntitlementApplication.CONFIG_NAME, Map.of()));
        ports.put("community", start(CommunityApplication.class, CommunityApplication.CONFIG_NAME, Map.of()));
        ports.put("ticket", start(TicketApplication.class, TicketApplication.CONFIG_NAME, Map.of()));
        ports.put("notification", start(NotificationApplication.class, NotificationApplication.CONFIG_NAME,
                Map.of("spring.mail.host", "127.0.0.1", "spring.mail.port", smtpPort)));
        Map<String, Object> gateway = new HashMap<>();
        gateway.put("tollgate.gateway.jwt.dev-issuer-enabled", true);
        gateway.put("tollgate.stripe.webhook.secret", WEBHOOK_SECRET);
        ports.forEach((service, port) -> gateway.put("TOLLGATE_" + service.toUpperCase() + "_URL", "http://127.0.0.1:" + port));
        gateway.put("management.server.port", 0);
        // The suites send many requests from one account (the fuzz 1,500): plan-sized default limits would refuse most.
        gateway.put("tollgate.gateway.rate-limit.default-per-minute", 1_000_000);
        gateway.put("tollgate.gateway.rate-limit.default-per-day", 1_000_000);
        gatewayPort = start(GatewayApplication.class, GatewayApplication.CONFIG_NAME, gateway);
        gatewayManagementPort = contexts.getLast().getEnvironment().getRequiredProperty("local.management.port", Integer.class);
        apiPorts.putAll(ports);
        apiPorts.put("gateway", gatewayPort);
    }

    /** Every process's API (public) port, by short name: billing, subscription, ..., notification, gateway. */
    Map<String, Integer> apiPorts() {
        return Map.copyOf(apiPorts);
    }

    /** Every process's management port (actuator), by the same names as {@link #apiPorts()}. */
    Map<String, Integer> managementPorts() {
        return Map.copyOf(managementPorts);
    }

    String gatewayUrl() {
        return "http://127.0.0.1:" + gatewayPort;
    }

    /** The gateway's actuator (metrics), on its own port that is never published. */
    String gatewayManagementUrl() {
        return "http://127.0.0.1:" + gatewayManagementPort;
    }

    /** Every process's application context, the gateway last (ApiDocumentationThroughGatewayTest reads their endpoints). */
    List<ConfigurableApplicationContext> contexts() {
        return List.copyOf(contexts);
    }

    private int start(Class<?> application, String configName, Map<String, Object> overrides) {
        Map<String, Object> properties = new HashMap<>();
        properties.put("spring.config.name", configName);
        // Development keys and secrets (tollgate-local.yml); SecretsAtStartupTest starts processes without them.
        properties.put("spring.profiles.active", "local");
        properties.put("server.port", 0);
        // Every process serves its actuator on a management port of its own (issue 12), random here.
        properties.put("management.server.port", 0);
        properties.put("tollgate.outbox.resubmit-interval", "2s");
        properties.put("tollgate.outbox.resubmit-after", "2s");
        // The gateway owns no database, but on this shared classpath it sees the services' persistence
        // auto-configuration too; an empty database of its own keeps that inert.
        properties.putAll(infrastructure.properties(configName));
        properties.put("tollgate.outbox.source", "/tollgate/" + configName);
        if (application != GatewayApplication.class) {
            properties.put("spring.autoconfigure.exclude", WITHOUT_SPRING_SECURITY);
        }
        properties.putAll(overrides);
        // Command-line arguments outrank each service's own yml, as an operator's settings would.
        String[] args = properties.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
        SpringApplicationBuilder builder = new SpringApplicationBuilder(application);
        if (application == SubscriptionApplication.class) {
            // Test-only hook: subscription-service tells time by ControllableClock (offset zero unless a test moves it,
            // e.g. TrialReminderMailsFlowTest); the platform's system clock steps aside for any other Clock bean.
            builder.initializers(context -> context.getBeanFactory().registerSingleton("controllableClock",
                    ControllableClock.INSTANCE));
        }
        ConfigurableApplicationContext context = builder.run(args);
        contexts.add(context);
        managementPorts.put(configName.replace("-service", ""),
                context.getEnvironment().getRequiredProperty("local.management.port", Integer.class));
        return ((WebServerApplicationContext) context).getWebServer().getPort();
    }

    /** A bean of the running service whose configuration is {@code configName}, for what a test must drive in-process. */
    <T> T bean(String configName, Class<T> type) {
        return contexts.stream().filter(context -> configName.equals(context.getEnvironment().getProperty("spring.config.name")))
                .findFirst().orElseThrow().getBean(type);
    }

    @Override
    public void close() {
        contexts.reversed().forEach(ConfigurableApplicationContext::close);
    }
}
