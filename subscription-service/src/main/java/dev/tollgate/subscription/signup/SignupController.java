package dev.tollgate.subscription.signup;

import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;

@RestController
class SignupController {

    private final Signup signup;

    SignupController(Signup signup) {
        this.signup = signup;
    }

    /** Starts the caller's account's trial: 201 with the trial, 409 when the account or address had one. */
    @PostMapping("/api/subscriptions")
    @ResponseStatus(HttpStatus.CREATED)
    Signup.SignupResponse start(CallerIdentity caller, @RequestBody Signup.SignupRequest request) {
        return signup.start(caller, request);
    }
}
