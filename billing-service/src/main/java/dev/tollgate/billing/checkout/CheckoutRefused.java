package dev.tollgate.billing.checkout;

import org.springframework.http.HttpStatus;

import dev.tollgate.platform.web.ApiProblem;

/** A purchase the account may not make (yet); the detail says why and what to buy instead. */
final class CheckoutRefused {

    private CheckoutRefused() {
    }

    static ApiProblem unknownPrice(String price) {
        return problem(HttpStatus.BAD_REQUEST, "Unknown price", "unknown_price", "No product of the catalog sells price '"
                + price + "'; GET /api/catalog lists the price ids and lookup keys on sale");
    }

    static ApiProblem requiresPlan(String product, String required, java.util.List<String> held) {
        return problem(HttpStatus.CONFLICT, "Plan required", "requires_plan", "'" + product + "' can only be bought with one "
                + "of these plans: " + required + "; the account holds " + (held.isEmpty() ? "none" : String.join(", ", held)));
    }

    static ApiProblem legacyForNewSignup(String price, String product) {
        return problem(HttpStatus.CONFLICT, "Legacy price", "legacy_price", "Price '" + price + "' is kept for existing "
                + "customers only; a new signup buys " + product + " at its trial price (GET /api/catalog)");
    }

    static ApiProblem secondTrial(String price) {
        return problem(HttpStatus.CONFLICT, "Trial already used", "second_trial", "The account had a trial already; price '"
                + price + "' starts another. Buy the plan's price without a trial (its legacy price)");
    }

    static ApiProblem invalid(String detail) {
        return problem(HttpStatus.BAD_REQUEST, "Bad request", "invalid_request", detail);
    }

    static ApiProblem noCustomer() {
        return problem(HttpStatus.CONFLICT, "No Stripe customer", "no_customer", "The account has no Stripe customer yet: "
                + "the portal opens once a checkout completed (POST /api/billing/checkout)");
    }

    private static ApiProblem problem(HttpStatus status, String title, String code, String detail) {
        ApiProblem problem = new ApiProblem(status, title, detail);
        problem.getBody().setProperty("code", code);
        return problem;
    }
}
