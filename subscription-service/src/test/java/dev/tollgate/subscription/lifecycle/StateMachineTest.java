package dev.tollgate.subscription.lifecycle;

import static dev.tollgate.subscription.lifecycle.LifecycleInput.GRACE_ENDED;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REACTIVATED_BY_OPERATOR;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_ACTIVE;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_CANCELED;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_INCOMPLETE;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_PAST_DUE;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_PAUSED;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_TRIALING;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.REPORTED_UNPAID;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.SUSPENDED_BY_OPERATOR;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.TRIAL_ENDED;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.TRIAL_EXTENDED;
import static dev.tollgate.subscription.lifecycle.LifecycleInput.TRIAL_STARTED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.ACTIVE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.CANCELED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.EXPIRED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.INCOMPLETE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.PAST_DUE;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.PAUSED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.SUSPENDED;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.TRIALING;
import static dev.tollgate.subscription.lifecycle.SubscriptionStatus.UNPAID;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every status (and "none yet") times every input: the table below is the whole lifecycle, and any
 * pair it does not name must be refused. A suspended subscription is reactivated to ACTIVE here
 * (the status it was suspended from).
 */
class StateMachineTest {

    private static final SubscriptionStatus NONE = null;
    private static final Map<String, SubscriptionStatus> ALLOWED = new HashMap<>();

    static {
        for (LifecycleInput input : LifecycleInput.values()) {
            if (input.reportedStatus() != null) {
                allow(NONE, input, input.reportedStatus());
            }
        }
        allow(NONE, TRIAL_STARTED, TRIALING);
        allow(NONE, LifecycleInput.GRANT_STARTED, ACTIVE);

        allow(INCOMPLETE, REPORTED_INCOMPLETE, INCOMPLETE);
        allow(INCOMPLETE, REPORTED_TRIALING, TRIALING);
        allow(INCOMPLETE, REPORTED_ACTIVE, ACTIVE);
        allow(INCOMPLETE, REPORTED_CANCELED, CANCELED);
        allow(INCOMPLETE, SUSPENDED_BY_OPERATOR, SUSPENDED);

        allow(TRIALING, REPORTED_TRIALING, TRIALING);
        allow(TRIALING, REPORTED_ACTIVE, ACTIVE);
        allow(TRIALING, REPORTED_PAST_DUE, PAST_DUE);
        allow(TRIALING, REPORTED_UNPAID, UNPAID);
        allow(TRIALING, REPORTED_PAUSED, PAUSED);
        allow(TRIALING, REPORTED_CANCELED, CANCELED);
        allow(TRIALING, TRIAL_ENDED, EXPIRED);
        allow(TRIALING, TRIAL_EXTENDED, TRIALING);
        allow(TRIALING, SUSPENDED_BY_OPERATOR, SUSPENDED);

        allow(ACTIVE, REPORTED_ACTIVE, ACTIVE);
        allow(ACTIVE, REPORTED_PAST_DUE, PAST_DUE);
        allow(ACTIVE, REPORTED_UNPAID, UNPAID);
        allow(ACTIVE, REPORTED_PAUSED, PAUSED);
        allow(ACTIVE, REPORTED_CANCELED, CANCELED);
        allow(ACTIVE, SUSPENDED_BY_OPERATOR, SUSPENDED);
        allow(ACTIVE, LifecycleInput.GRANT_ENDED, CANCELED);

        allow(PAST_DUE, REPORTED_PAST_DUE, PAST_DUE);
        allow(PAST_DUE, REPORTED_ACTIVE, ACTIVE);
        allow(PAST_DUE, REPORTED_UNPAID, UNPAID);
        allow(PAST_DUE, REPORTED_PAUSED, PAUSED);
        allow(PAST_DUE, REPORTED_CANCELED, CANCELED);
        allow(PAST_DUE, GRACE_ENDED, UNPAID);
        allow(PAST_DUE, SUSPENDED_BY_OPERATOR, SUSPENDED);

        allow(UNPAID, REPORTED_UNPAID, UNPAID);
        allow(UNPAID, REPORTED_ACTIVE, ACTIVE);
        allow(UNPAID, REPORTED_PAUSED, PAUSED);
        allow(UNPAID, REPORTED_CANCELED, CANCELED);
        allow(UNPAID, SUSPENDED_BY_OPERATOR, SUSPENDED);

        allow(PAUSED, REPORTED_PAUSED, PAUSED);
        allow(PAUSED, REPORTED_ACTIVE, ACTIVE);
        allow(PAUSED, REPORTED_PAST_DUE, PAST_DUE);
        allow(PAUSED, REPORTED_UNPAID, UNPAID);
        allow(PAUSED, REPORTED_CANCELED, CANCELED);
        allow(PAUSED, SUSPENDED_BY_OPERATOR, SUSPENDED);

        allow(CANCELED, REPORTED_CANCELED, CANCELED);

        allow(EXPIRED, REPORTED_ACTIVE, ACTIVE);
        allow(EXPIRED, REPORTED_CANCELED, EXPIRED);
        allow(EXPIRED, TRIAL_EXTENDED, TRIALING);

        allow(SUSPENDED, REPORTED_CANCELED, CANCELED);
        allow(SUSPENDED, REACTIVATED_BY_OPERATOR, ACTIVE);
    }

    private static void allow(SubscriptionStatus from, LifecycleInput input, SubscriptionStatus to) {
        ALLOWED.put(key(from, input), to);
    }

    private static String key(SubscriptionStatus from, LifecycleInput input) {
        return from + "+" + input;
    }

    static Stream<Arguments> everyStatusTimesEveryInput() {
        List<Arguments> pairs = new ArrayList<>();
        List<SubscriptionStatus> froms = new ArrayList<>(Arrays.asList(SubscriptionStatus.values()));
        froms.add(NONE);
        for (SubscriptionStatus from : froms) {
            for (LifecycleInput input : LifecycleInput.values()) {
                pairs.add(Arguments.of(from, input));
            }
        }
        return pairs.stream();
    }

    @ParameterizedTest(name = "{0} + {1}")
    @MethodSource("everyStatusTimesEveryInput")
    void eachStatusAllowsExactlyTheInputsOfTheTableAndRefusesEveryOther(SubscriptionStatus from, LifecycleInput input) {
        StateMachine.Decision decision = StateMachine.next(from, input, ACTIVE);
        SubscriptionStatus expected = ALLOWED.get(key(from, input));
        if (expected == null) {
            assertThat(decision).as("%s + %s is refused", from, input).isInstanceOf(StateMachine.Refused.class);
            assertThat(((StateMachine.Refused) decision).why()).isNotBlank();
        } else {
            assertThat(decision).as("%s + %s", from, input).isEqualTo(new StateMachine.Allowed(expected));
        }
    }

    @Test
    void theTableCoversEveryStatusAndInput() {
        Set<String> generated = everyStatusTimesEveryInput()
                .map(arguments -> key((SubscriptionStatus) arguments.get()[0], (LifecycleInput) arguments.get()[1]))
                .collect(Collectors.toSet());
        assertThat(generated).as("every allowed move of the table is one of the pairs tested").containsAll(ALLOWED.keySet());
        Map<SubscriptionStatus, Integer> allowedPerStatus = new EnumMap<>(SubscriptionStatus.class);
        ALLOWED.forEach((key, to) -> allowedPerStatus.merge(to, 1, Integer::sum));
        assertThat(allowedPerStatus.keySet()).as("every status is reachable").containsExactlyInAnyOrder(SubscriptionStatus.values());
    }

    @Test
    void aReactivationRestoresTheStatusBeforeTheSuspensionAndNeedsToKnowIt() {
        assertThat(StateMachine.next(SUSPENDED, REACTIVATED_BY_OPERATOR, TRIALING)).isEqualTo(new StateMachine.Allowed(TRIALING));
        assertThat(StateMachine.next(SUSPENDED, REACTIVATED_BY_OPERATOR, PAST_DUE)).isEqualTo(new StateMachine.Allowed(PAST_DUE));
        assertThat(StateMachine.next(SUSPENDED, REACTIVATED_BY_OPERATOR, null)).isInstanceOf(StateMachine.Refused.class);
    }
}
