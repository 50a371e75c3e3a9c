package dev.tollgate.community.membership;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;

@RestController
class MembershipController {

    private final Memberships memberships;

    MembershipController(Memberships memberships) {
        this.memberships = memberships;
    }

    /** 201 when the caller joined now, 200 when already a member. */
    @PostMapping("/api/community/groups/{id}/members")
    ResponseEntity<MemberView> join(CallerIdentity caller, @PathVariable UUID id) {
        Memberships.Joined joined = memberships.join(caller, id);
        return ResponseEntity.status(joined.created() ? HttpStatus.CREATED : HttpStatus.OK).body(MemberView.of(joined.member()));
    }

    @DeleteMapping("/api/community/groups/{id}/members/me")
    ResponseEntity<Void> leave(CallerIdentity caller, @PathVariable UUID id) {
        memberships.leave(caller, id);
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/api/community/groups/{id}/members")
    Members members(CallerIdentity caller, @PathVariable UUID id) {
        return new Members(memberships.members(caller, id).stream().map(MemberView::of).toList());
    }

    @PostMapping("/api/community/groups/{id}/members/{memberId}/promote")
    MemberView promote(CallerIdentity caller, @PathVariable UUID id, @PathVariable UUID memberId) {
        return MemberView.of(memberships.promote(caller, id, memberId));
    }

    @DeleteMapping("/api/community/groups/{id}/members/{memberId}")
    ResponseEntity<Void> remove(CallerIdentity caller, @PathVariable UUID id, @PathVariable UUID memberId) {
        memberships.remove(caller, id, memberId);
        return ResponseEntity.noContent().build();
    }

    record MemberView(UUID memberId, UUID groupId, String userId, String role, Instant joinedAt) {

        static MemberView of(Memberships.Member member) {
            return new MemberView(member.id(), member.groupId(), member.userId(), member.role(), member.joinedAt());
        }
    }

    record Members(List<MemberView> members) {
    }
}
