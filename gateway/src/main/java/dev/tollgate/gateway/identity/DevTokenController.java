package dev.tollgate.gateway.identity;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;

import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.Ids;
import dev.tollgate.platform.web.ApiProblem;

/** Development only: mints tokens for a given user, account and roles, and publishes the key that verifies them. */
@RestController
@ConditionalOnProperty(name = "tollgate.gateway.jwt.dev-issuer-enabled", havingValue = "true")
class DevTokenController {

    private final DevTokenIssuer issuer;

    DevTokenController(DevTokenIssuer issuer) {
        this.issuer = issuer;
    }

    @PostMapping("/dev/tokens")
    DevTokenIssuer.IssuedToken mint(@Valid @RequestBody TokenRequest request) {
        // A token the gateway itself would refuse is no use to a developer: say so now, not at its first use.
        try {
            Ids.requireUserId(request.userId(), "userId");
            Ids.requireAccountId(request.accountId(), "accountId");
        } catch (Ids.InvalidIdException e) {
            throw ApiProblem.badRequest(e.getMessage());
        }
        return issuer.mint(request.userId(), request.accountId(), request.email(),
                request.roles() == null ? List.of() : request.roles(),
                Duration.ofMinutes(request.ttlMinutes() == null ? 60 : request.ttlMinutes()));
    }

    @GetMapping("/dev/jwks.json")
    Map<String, Object> keys() {
        return issuer.publicKeys().toJSONObject();
    }

    record TokenRequest(@NotBlank String userId, @NotBlank String accountId, String email, List<String> roles,
            @Min(1) @Max(1440) Integer ttlMinutes) {
    }
}
