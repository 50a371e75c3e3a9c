package dev.tollgate.community.invitation;

import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.community.membership.Memberships;
import dev.tollgate.platform.identity.CallerIdentity;

/** The token travels in the body, never in a URL, so it stays out of access logs. */
@RestController
class InvitationController {

    private final Invitations invitations;

    InvitationController(Invitations invitations) {
        this.invitations = invitations;
    }

    /** 201 for a new invitation, 200 when a pending one to the same address was refreshed. */
    @PostMapping("/api/community/groups/{id}/invitations")
    ResponseEntity<Invitations.Sent> invite(CallerIdentity caller, @PathVariable UUID id, @RequestBody InviteRequest request) {
        Invitations.Sent sent = invitations.invite(caller, id, request.email());
        return ResponseEntity.status(sent.refreshed() ? HttpStatus.OK : HttpStatus.CREATED).body(sent);
    }

    @PostMapping("/api/community/invitations/accept")
    Memberships.Member accept(CallerIdentity caller, @RequestBody TokenRequest request) {
        return invitations.accept(caller, request.token());
    }

    @PostMapping("/api/community/invitations/decline")
    ResponseEntity<Void> decline(CallerIdentity caller, @RequestBody TokenRequest request) {
        invitations.decline(caller, request.token());
        return ResponseEntity.noContent().build();
    }

    record InviteRequest(String email) {
    }

    record TokenRequest(String token) {
    }
}
