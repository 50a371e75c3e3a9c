package dev.tollgate.billing.catalog;

import java.util.Comparator;
import java.util.List;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** What a pricing page shows: every plan with its prices. Public (billing-service.yml, tollgate.identity.public-paths). */
@RestController
class PlanCatalogController {

    private final PlanCatalog catalog;

    PlanCatalogController(PlanCatalog catalog) {
        this.catalog = catalog;
    }

    @GetMapping("/api/billing/plans")
    List<PlanView> plans() {
        return publicCatalog();
    }

    /** The same list for anyone: the gateway lets {@code GET /api/catalog} through without a token. */
    @GetMapping("/api/catalog")
    List<PlanView> publicCatalog() {
        return catalog.plans().entrySet().stream()
                .map(plan -> new PlanView(plan.getKey(), plan.getValue().name(), plan.getValue().prices()))
                .sorted(Comparator.comparing(PlanView::id))
                .toList();
    }

    record PlanView(String id, String name, List<PlanCatalog.Price> prices) {
    }
}
