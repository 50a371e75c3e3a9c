package dev.tollgate.notification.mail;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MessageIdTest {

    @Test
    void theSameCauseAndTemplateAlwaysGiveTheSameMessageId() {
        assertThat(MessageId.of("5f0c7e0e-1d2b-4c55-9d7e-2b8c1f2a3b4c", "trial-started", "latamlab.ai"))
                .isEqualTo("<5f0c7e0e-1d2b-4c55-9d7e-2b8c1f2a3b4c.trial-started@latamlab.ai>")
                .isEqualTo(MessageId.of("5f0c7e0e-1d2b-4c55-9d7e-2b8c1f2a3b4c", "trial-started", "latamlab.ai"));
    }

    @Test
    void charactersOutsideADotAtomAreEncodedSoDifferentCausesNeverShareAnId() {
        String odd = MessageId.of("evt <1>@x", "trial-started", "latamlab.ai");
        assertThat(odd).isEqualTo("<evt_20_3C1_3E_40x.trial-started@latamlab.ai>");
        assertThat(MessageId.of("evt_20_3C1_3E_40x", "trial-started", "latamlab.ai")).isNotEqualTo(odd);
    }
}
