package dev.tollgate.billing.customer;

import java.time.Instant;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;

import dev.tollgate.billing.stripe.DerivedIds;

/** Publishes {@link CustomerLinked} in the transaction that stores a customer's first link. */
@Component
class CustomerLinkedPublisher implements FirstLinkListener {

    private final ApplicationEventPublisher events;

    CustomerLinkedPublisher(ApplicationEventPublisher events) {
        this.events = events;
    }

    @Override
    public void firstLinked(CustomerLink link) {
        events.publishEvent(new CustomerLinked(DerivedIds.of("customer_linked", link.customerId()), link.accountId(),
                Instant.now(), link.customerId(), link.email(), "first link"));
    }
}
