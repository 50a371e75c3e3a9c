package dev.tollgate.notification;

import static dev.tollgate.notification.mail.MailFixtures.assertBothPartsCarry;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import dev.tollgate.notification.billing.BillingMessages;
import dev.tollgate.notification.billing.PurchaseMessages;
import dev.tollgate.notification.community.CommunityMessages;
import dev.tollgate.notification.mail.MailFixtures;
import dev.tollgate.notification.mail.MailFormats;
import dev.tollgate.notification.mail.MailRenderer;
import dev.tollgate.notification.mail.MessageSamples;
import dev.tollgate.notification.mail.RenderedMail;
import dev.tollgate.notification.subscription.SubscriptionMessages;
import dev.tollgate.notification.ticket.TicketMessages;
import dev.tollgate.notification.usage.UsageMessages;

/**
 * Every message of issue 11, in both languages, rendered from its sample event (the one the admin
 * preview shows) and the sample catalog: the subject, and the key facts (amounts in the currency's
 * digits, dates, links, plan and feature names from the catalog) in the plain-text and in the HTML part.
 */
class EveryMessageTest {

    private static final MailRenderer RENDERER = MailFixtures.renderer();
    static final List<MessageSamples> ALL = List.of(
            new SubscriptionMessages(RENDERER, MailFixtures.SETTINGS), new BillingMessages(RENDERER, MailFixtures.SETTINGS),
            new PurchaseMessages(RENDERER, MailFixtures.SETTINGS), new UsageMessages(RENDERER, MailFixtures.SETTINGS),
            new TicketMessages(RENDERER, MailFixtures.SETTINGS), new CommunityMessages(RENDERER, MailFixtures.SETTINGS));
    private static final Map<String, MessageSamples> BY_TEMPLATE = ALL.stream()
            .flatMap(samples -> samples.templates().stream().map(template -> Map.entry(template, samples)))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));

    static Stream<Arguments> messages() {
        return Stream.of(
                row("trial-started", "en", "Welcome to LATAMLAB.AI - Your 14-day trial has started! \uD83C\uDF89",
                        "14-day free trial", "December 9, 2026", "Unlimited AI agents", "Access to community groups",
                        "10 GB of context documents", "5 priority support tickets per month", "$20.00 per month",
                        "https://latamlab.ai/chat"),
                row("trial-started", "es", "Bienvenido a LATAMLAB.AI - ¡Tu prueba de 14 días comenzó! \uD83C\uDF89",
                        "prueba gratuita de 14 días", "9 de diciembre de 2026", "agentes de IA ilimitados",
                        "Acceso a los grupos de la comunidad", "10 GB de documentos de contexto",
                        "5 tickets de soporte prioritario al mes", "CLP18,000 al mes", "https://latamlab.ai/chat"),
                row("trial-expiring", "en", "3 days left in your trial - Subscribe to keep your agents", "ends in 3 days",
                        "December 9, 2026", "$20.00", "https://latamlab.ai/billing"),
                row("trial-expiring", "es", "Quedan 3 días de tu prueba - Suscríbete para conservar tus agentes",
                        "termina en 3 días", "9 de diciembre de 2026", "CLP18,000", "https://latamlab.ai/billing"),
                row("trial-expired", "en", "Your LATAMLAB.AI trial has ended - your data is safe", "December 9, 2026",
                        "nothing has been deleted", "Community Edition ($20.00 per month)", "https://latamlab.ai/billing"),
                row("trial-expired", "es", "Tu prueba de LATAMLAB.AI terminó - tus datos están a salvo", "9 de diciembre de 2026",
                        "no se borró nada", "CLP18,000 al mes", "https://latamlab.ai/billing"),
                row("subscription-activated", "en", "Welcome to Community Edition! Your subscription is active \u2705",
                        "$20.00 per month", "January 9, 2027", "5 priority support tickets per month",
                        "https://latamlab.ai/billing"),
                row("subscription-activated", "es", "¡Bienvenido a Community Edition! Tu suscripción está activa \u2705",
                        "CLP18,000 al mes", "9 de enero de 2027", "5 tickets de soporte prioritario al mes",
                        "https://latamlab.ai/billing"),
                row("subscription-recovered", "en", "Payment received - your LATAMLAB.AI subscription is active again",
                        "Community Edition subscription is active again", "January 9, 2027", "https://latamlab.ai/billing"),
                row("subscription-recovered", "es", "Pago recibido - tu suscripción a LATAMLAB.AI está activa de nuevo",
                        "Community Edition", "9 de enero de 2027", "https://latamlab.ai/billing"),
                row("plan-changed", "en", "You upgraded to Professional", "from Starter to Professional", "$20.00 per month",
                        "available now", "January 9, 2027", "https://latamlab.ai/billing"),
                row("plan-changed", "es", "Mejoraste tu plan a Professional", "de Starter a Professional", "CLP18,000 al mes",
                        "ya está disponible", "9 de enero de 2027", "https://latamlab.ai/billing"),
                row("subscription-canceled", "en", "Your Community Edition subscription is canceled - your data is kept",
                        "as of January 9, 2027", "nothing is deleted", "https://latamlab.ai/billing"),
                row("subscription-canceled", "es", "Tu suscripción a Community Edition está cancelada - tus datos se conservan",
                        "desde el 9 de enero de 2027", "no se borra nada", "https://latamlab.ai/billing"),
                row("payment-succeeded", "en", "Payment received: $20.00 - LATAMLAB.AI", "$20.00", "A1B2-0001",
                        "December 6, 2026", "January 6, 2027", "https://invoice.stripe.com/i/sample",
                        "https://pay.stripe.com/invoice/sample/pdf"),
                row("payment-succeeded", "es", "Pago recibido: CLP18,000 - LATAMLAB.AI", "CLP18,000", "A1B2-0001",
                        "6 de diciembre de 2026", "6 de enero de 2027", "https://invoice.stripe.com/i/sample"),
                row("payment-failed", "en", "Your payment of $20.00 failed - please update your payment method", "$20.00",
                        "attempt 2", "December 9, 2026", "https://invoice.stripe.com/i/sample"),
                row("payment-failed", "es", "Tu pago de CLP18,000 no se pudo realizar - actualiza tu medio de pago", "CLP18,000",
                        "9 de diciembre de 2026", "https://invoice.stripe.com/i/sample"),
                row("payment-action-required", "en", "Action required: confirm your payment of $20.00", "3-D Secure",
                        "https://invoice.stripe.com/i/sample"),
                row("payment-action-required", "es", "Acción requerida: confirma tu pago de CLP18,000", "3-D Secure",
                        "https://invoice.stripe.com/i/sample"),
                row("build-sprint-purchase", "en", "Your l4yercak3 Build Sprint is confirmed - €6,250.00 received",
                        "€6,250.00", "12-week program", "6 months of the Professional plan", "December 6, 2026", "in_sample_1",
                        "https://latamlab.ai/billing"),
                row("build-sprint-purchase", "es", "Tu l4yercak3 Build Sprint está confirmado - recibimos EUR6,250.00",
                        "EUR6,250.00", "programa de 12 semanas", "6 meses del plan Professional", "6 de diciembre de 2026",
                        "in_sample_1", "https://latamlab.ai/billing"),
                row("token-pack-receipt", "en", "Receipt: 2 × AI Token Pack - €98.00", "€98.00", "2 packs of AI Token Pack",
                        "200,000 AI tokens", "December 6, 2026", "https://latamlab.ai/billing"),
                row("token-pack-receipt", "es", "Recibo: 2 × AI Token Pack - EUR98.00", "EUR98.00", "2 paquetes de AI Token Pack",
                        "200,000 tokens de IA", "6 de diciembre de 2026", "https://latamlab.ai/billing"),
                row("usage-threshold", "en", "You used 80% of your AI tokens limit - LATAMLAB.AI", "80,000 of 100,000",
                        "January 1, 2027", "https://latamlab.ai/billing"),
                row("usage-threshold", "es", "Usaste el 80 % de tu límite de tokens de IA - LATAMLAB.AI", "80,000 de 100,000",
                        "1 de enero de 2027", "https://latamlab.ai/billing"),
                row("quota-exceeded", "en", "Your AI tokens limit is used up - LATAMLAB.AI", "5,000 AI tokens",
                        "100,000 of the 100,000", "January 1, 2027", "https://latamlab.ai/billing"),
                row("quota-exceeded", "es", "Agotaste tu límite de tokens de IA - LATAMLAB.AI", "5,000 tokens de IA",
                        "100,000 de los 100,000", "1 de enero de 2027", "https://latamlab.ai/billing"),
                row("ticket-created", "en", "[LATAM-00123] We received your ticket: Agent does not answer in Spanish",
                        "LATAM-00123", "within 24 hours", "December 7, 2026", "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-created", "es", "[LATAM-00123] Recibimos tu ticket: Agent does not answer in Spanish",
                        "LATAM-00123", "en 24 horas", "7 de diciembre de 2026",
                        "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-answered", "en", "[LATAM-00123] New answer from support: Agent does not answer in Spanish",
                        "Please switch the agent's language to Spanish", "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-answered", "es", "[LATAM-00123] Nueva respuesta de soporte: Agent does not answer in Spanish",
                        "Please switch the agent's language to Spanish", "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-resolved", "en", "[LATAM-00123] Your ticket is resolved: Agent does not answer in Spanish",
                        "as resolved", "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-resolved", "es", "[LATAM-00123] Tu ticket está resuelto: Agent does not answer in Spanish",
                        "como resuelto", "https://latamlab.ai/support/tickets/LATAM-00123"),
                row("ticket-quota-reached", "en", "You used all 5 priority support tickets of this period - LATAMLAB.AI",
                        "5 priority support tickets per period", "used 5", "January 1, 2027", "https://latamlab.ai/billing"),
                row("ticket-quota-reached", "es", "Usaste los 5 tickets de soporte prioritario de este período - LATAMLAB.AI",
                        "5 tickets de soporte prioritario por período", "usaste 5", "1 de enero de 2027",
                        "https://latamlab.ai/billing"),
                row("community-invitation", "en", "You're invited to join El Club de la IA on LATAMLAB.AI",
                        "https://latamlab.ai/invitations/accept?token=sample-token",
                        "https://latamlab.ai/invitations/decline?token=sample-token", "December 20, 2026"),
                row("community-invitation", "es", "Te invitaron a unirte a El Club de la IA en LATAMLAB.AI",
                        "https://latamlab.ai/invitations/accept?token=sample-token",
                        "https://latamlab.ai/invitations/decline?token=sample-token", "20 de diciembre de 2026"),
                row("invitation-accepted", "en", "ana@example.com joined El Club de la IA",
                        "ana@example.com accepted your invitation", "https://latamlab.ai/groups/el-club-de-la-ia"),
                row("invitation-accepted", "es", "ana@example.com se unió a El Club de la IA",
                        "ana@example.com aceptó tu invitación", "https://latamlab.ai/groups/el-club-de-la-ia"));
    }

    private static Arguments row(String template, String language, String subject, String... facts) {
        return Arguments.of(template, language, subject, facts);
    }

    @ParameterizedTest(name = "{0} in {1}")
    @MethodSource("messages")
    void eachMessageCarriesItsSubjectAndKeyFactsInBothParts(String template, String language, String subject, String[] facts) {
        Locale locale = MailFormats.localeOf(language);
        RenderedMail mail = BY_TEMPLATE.get(template).sample(template, locale);
        assertThat(mail.subject()).isEqualTo(subject);
        assertBothPartsCarry(mail, facts);
        assertThat(mail.text() + mail.html()).doesNotContain("{{", "}}").doesNotContainPattern("\\b[a-z]+_[a-z_]+\\b(?!@)");
    }

    @Test
    void everyTemplateHasARowInBothLanguages() {
        TreeSet<String> rows = messages().map(arguments -> arguments.get()[0] + "/" + arguments.get()[1])
                .collect(Collectors.toCollection(TreeSet::new));
        TreeSet<String> templates = BY_TEMPLATE.keySet().stream()
                .flatMap(template -> Stream.of(template + "/en", template + "/es"))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(rows).isEqualTo(templates);
        assertThat(templates).hasSize(40);
    }
}
