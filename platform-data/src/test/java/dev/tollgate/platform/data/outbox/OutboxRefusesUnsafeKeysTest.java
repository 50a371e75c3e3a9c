package dev.tollgate.platform.data.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import dev.tollgate.platform.events.MalformedEventException;
import dev.tollgate.platform.test.RealInfrastructure;
import dev.tollgate.platform.test.TestKafka;

/** The account id becomes the Kafka key: one outside the id format is refused, never evaluated or sent. */
class OutboxRefusesUnsafeKeysTest {

    static TestService service;

    @BeforeAll
    static void start() {
        service = TestService.start(RealInfrastructure.properties("outbox-keys"), TestKafka.bootstrapServers(), Map.of());
    }

    @AfterAll
    static void stop() {
        service.close();
    }

    @Test
    void anEventWhoseAccountIdLooksLikeAnExpressionIsRefusedAndItsStateChangeRolledBack() {
        String expression = "#{T(java.lang.Runtime).getRuntime().exit(1)}";

        assertThatThrownBy(() -> service.change(expression)).isInstanceOf(MalformedEventException.class)
                .hasMessageContaining("account id");

        assertThat(service.jdbc().sql("SELECT count(*) FROM account_state").query(Long.class).single()).isZero();
        assertThat(service.pending()).isZero();
    }
}
