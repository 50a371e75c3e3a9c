package dev.tollgate.platform.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdsTest {

    @ParameterizedTest
    @ValueSource(strings = { "acct_123", "org-7f3a", "A", "0abc_DEF-9" })
    void accountIdsOfTheDocumentedFormatAreAccepted(String id) {
        assertThat(Ids.requireAccountId(id, "test")).isEqualTo(id);
    }

    @ParameterizedTest
    @ValueSource(strings = { "", " ", "#{T(java.lang.Runtime).getRuntime()}", "acct 1", "_acct", "acct/1", "acct\n1",
            "a.b", "0123456789012345678901234567890123456789012345678901234567890123456789" })
    void anythingElseIsRefusedNamingTheSource(String id) {
        assertThatThrownBy(() -> Ids.requireAccountId(id, "Stripe metadata.organization_id"))
                .isInstanceOf(Ids.InvalidIdException.class)
                .hasMessageContaining("Stripe metadata.organization_id");
    }

    @ParameterizedTest
    @ValueSource(strings = { "user_1", "auth0|65f0c0ffee", "jane@example.com", "google-oauth2:1234" })
    void userIdsOfIdentityProvidersAreAccepted(String id) {
        assertThat(Ids.isUserId(id)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = { "", "|x", "a b", "x#{1}" })
    void malformedUserIdsAreRefused(String id) {
        assertThat(Ids.isUserId(id)).isFalse();
    }
}
