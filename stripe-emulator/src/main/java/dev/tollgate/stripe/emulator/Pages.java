package dev.tollgate.stripe.emulator;

import java.time.Instant;
import java.util.List;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The emulator's HTML: the checkout page, the page after paying, an invoice, and the dashboard with time travel. */
final class Pages {

    private Pages() {
    }

    static String checkout(ObjectNode session, ArrayNode lines) {
        StringBuilder body = new StringBuilder("<h1>Checkout</h1><p class=note>Tollgate's offline Stripe: no card, no network.</p><table>"
                + "<tr><th>Item</th><th>Quantity</th><th>Amount</th></tr>");
        for (JsonNode line : lines) {
            JsonNode price = line.path("price");
            body.append("<tr><td>").append(esc(price.path("nickname").asString(price.path("id").asString()))).append("</td><td>")
                    .append(line.path("quantity").asLong()).append("</td><td>")
                    .append(money(line.path("amount_total").asLong(), line.path("currency").asString()))
                    .append(price.path("recurring").isObject() ? " / " + esc(price.path("recurring").path("interval").asString()) : "")
                    .append("</td></tr>");
        }
        body.append("</table>");
        String id = esc(session.path("id").asString());
        if (!"open".equals(session.path("status").asString())) {
            return page("Checkout", body.append("<p>This checkout is ").append(esc(session.path("status").asString()))
                    .append(". <a href='/'>Dashboard</a></p>").toString());
        }
        String email = session.path("customer_email").asString(null);
        body.append("<p>").append(email == null ? "" : "Paying as " + esc(email)).append("</p>");
        body.append(button("/checkout/" + id + "/pay", "Pay (card succeeds)", "card", StripeState.CARD_SUCCEEDS, null));
        if ("subscription".equals(session.path("mode").asString())) {
            body.append(button("/checkout/" + id + "/pay", "Pay with a card that will fail renewals", "card", StripeState.CARD_FAILS, null));
        }
        String cancel = session.path("cancel_url").asString(null);
        if (cancel != null) {
            body.append("<p><a href='").append(esc(cancel)).append("'>Cancel</a></p>");
        }
        return page("Checkout", body.toString());
    }

    static String success(StripeState state, String sessionId) {
        ObjectNode session = sessionId == null ? null : state.get("checkout.session", sessionId).orElse(null);
        if (session == null) {
            return page("Paid", "<h1>Unknown checkout</h1><p><a href='/'>Dashboard</a></p>");
        }
        String customer = session.path("customer").asString("");
        return page("Paid", "<h1>Thank you</h1><p>Checkout " + esc(sessionId) + " is " + esc(session.path("status").asString())
                + "; the webhooks are on their way to Tollgate.</p>" + customerActions(state, customer, "/success?session_id=" + sessionId)
                + "<p><a href='/'>Dashboard</a></p>");
    }

    static String invoice(ObjectNode invoice) {
        return page("Invoice", "<h1>Invoice " + esc(invoice.path("number").asString()) + "</h1><p>"
                + money(invoice.path("amount_due").asLong(), invoice.path("currency").asString()) + ", "
                + esc(invoice.path("status").asString()) + ", attempts: " + invoice.path("attempt_count").asInt() + "</p>"
                + "<p><a href='/'>Dashboard</a></p>");
    }

    static String dashboard(StripeState state, long delivered, int pending) {
        StringBuilder body = new StringBuilder("<h1>Tollgate's offline Stripe</h1><p class=note>Webhooks delivered: ")
                .append(delivered).append(", waiting: ").append(pending).append(". API: <code>/v1/...</code>.</p>");
        List<ObjectNode> customers = state.list("customer", c -> true);
        if (customers.isEmpty()) {
            body.append("<p>No customers yet: start a checkout (<code>POST /api/billing/checkout</code>) and open its URL.</p>");
        }
        for (ObjectNode customer : customers.reversed()) {
            String id = customer.path("id").asString();
            body.append("<h2>").append(esc(customer.path("email").asString(id))).append(" <small>").append(esc(id)).append("</small></h2>");
            body.append("<table><tr><th>Subscription</th><th>Status</th><th>Trial end</th><th>Period end</th></tr>");
            for (ObjectNode sub : state.list("subscription", s -> id.equals(s.path("customer").asString()))) {
                JsonNode item = sub.path("items").path("data").path(0);
                body.append("<tr><td>").append(esc(sub.path("id").asString())).append(" (")
                        .append(esc(item.path("price").path("nickname").asString(item.path("price").path("id").asString())))
                        .append(")</td><td><b>").append(esc(sub.path("status").asString())).append("</b></td><td>")
                        .append(date(sub.path("trial_end"))).append("</td><td>").append(date(item.path("current_period_end")))
                        .append("</td></tr>");
            }
            body.append("</table><table><tr><th>Invoice</th><th>Amount</th><th>Status</th><th>Attempts</th><th>Next retry</th></tr>");
            for (ObjectNode invoice : state.list("invoice", i -> id.equals(i.path("customer").asString()))) {
                body.append("<tr><td>").append(esc(invoice.path("number").asString())).append(" ")
                        .append(esc(invoice.path("billing_reason").asString())).append("</td><td>")
                        .append(money(invoice.path("amount_due").asLong(), invoice.path("currency").asString())).append("</td><td>")
                        .append(esc(invoice.path("status").asString())).append("</td><td>").append(invoice.path("attempt_count").asInt())
                        .append("</td><td>").append(date(invoice.path("next_payment_attempt"))).append("</td></tr>");
            }
            body.append("</table>").append(customerActions(state, id, "/"));
        }
        return page("Stripe emulator", body.toString());
    }

    private static String customerActions(StripeState state, String customer, String back) {
        if (customer.isEmpty()) {
            return "";
        }
        String card = state.card(customer);
        String base = "/emulator/customers/" + esc(customer);
        return "<p>Customer time: " + esc(Instant.ofEpochSecond(state.now(customer)).toString()) + "; card: <b>" + card + "</b></p>"
                + "<form method=post action='" + base + "/advance'><input type=hidden name=back value='" + esc(back) + "'>"
                + "Advance time by <input name=days size=3 value=1> days <button>Advance</button></form>"
                + button(base + "/advance", "+3 days", "days", "3", back) + button(base + "/advance", "+15 days (past a 14-day trial)", "days", "15", back)
                + button(base + "/advance", "+31 days (past a renewal)", "days", "31", back)
                + (StripeState.CARD_FAILS.equals(card) ? button(base + "/card", "Fix the card", "card", StripeState.CARD_SUCCEEDS, back)
                        : button(base + "/card", "Make the card fail", "card", StripeState.CARD_FAILS, back));
    }

    private static String button(String action, String label, String name, String value, String back) {
        return "<form method=post action='" + action + "' style='display:inline'><input type=hidden name='" + esc(name) + "' value='"
                + esc(value) + "'>" + (back == null ? "" : "<input type=hidden name=back value='" + esc(back) + "'>")
                + "<button>" + esc(label) + "</button></form> ";
    }

    private static String date(JsonNode epoch) {
        return epoch.isNumber() ? Instant.ofEpochSecond(epoch.asLong()).toString().replace("T", " ").replace("Z", " UTC") : "";
    }

    private static String money(long minor, String currency) {
        return java.math.BigDecimal.valueOf(minor, 2).toPlainString() + " " + esc(currency == null ? "" : currency.toUpperCase());
    }

    private static String page(String title, String body) {
        return "<!doctype html><html><head><meta charset=utf-8><title>" + esc(title) + "</title><style>"
                + "body{font-family:system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem}"
                + "table{border-collapse:collapse;margin:.5rem 0}td,th{border:1px solid #ccc;padding:.3rem .6rem;text-align:left}"
                + "button{margin:.3rem .2rem;padding:.4rem .8rem}.note{color:#666}</style></head><body>" + body + "</body></html>";
    }

    static String esc(String text) {
        return text == null ? "" : text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("'", "&#39;")
                .replace("\"", "&quot;");
    }
}
