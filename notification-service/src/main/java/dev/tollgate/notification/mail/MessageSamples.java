package dev.tollgate.notification.mail;

import java.util.List;
import java.util.Locale;

/**
 * A component that renders some of the mails, able to render each with sample facts: what the admin
 * preview shows and what the table-driven test of every message reads. A sample goes through the
 * same rendering as a real event (a sample event, not a sample model), so the preview is the mail.
 */
public interface MessageSamples {

    /** The templates this component renders, e.g. {@code trial-expiring}. */
    List<String> templates();

    /** {@code template} rendered in {@code locale} from a sample event and the sample catalog. */
    RenderedMail sample(String template, Locale locale);
}
