package dev.tollgate.community.group;

import java.util.List;
import java.util.UUID;

import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

import dev.tollgate.platform.identity.CallerIdentity;
import dev.tollgate.platform.web.ApiProblem;

/** Browsing groups and industries, and the organization admins' group administration. */
@RestController
class GroupController {

    private final GroupBrowser browser;
    private final GroupAdministration administration;
    private final Groups groups;
    private final AuditLog audit;

    GroupController(GroupBrowser browser, GroupAdministration administration, Groups groups, AuditLog audit) {
        this.browser = browser;
        this.administration = administration;
        this.groups = groups;
        this.audit = audit;
    }

    @GetMapping("/api/community/groups")
    GroupBrowser.Page list(CallerIdentity caller, @RequestParam(required = false) String industry,
            @RequestParam(required = false) String q, @RequestParam(required = false) String organization,
            @RequestParam(required = false) String sort, @RequestParam(required = false) String cursor,
            @RequestParam(required = false) Integer limit) {
        return browser.list(caller, new GroupBrowser.Query(industry, q, organization, sort, cursor, limit));
    }

    @GetMapping("/api/community/groups/{slug}")
    GroupBrowser.GroupView bySlug(CallerIdentity caller, @PathVariable String slug,
            @RequestParam(required = false) String organization) {
        return browser.bySlug(caller, slug, organization)
                .orElseThrow(() -> ApiProblem.notFound("There is no community group '" + slug + "' you can see."));
    }

    @GetMapping("/api/community/industries")
    Industries industries(CallerIdentity caller, @RequestParam(required = false) String organization) {
        return new Industries(browser.industries(caller, organization));
    }

    @PostMapping("/api/community/groups")
    ResponseEntity<GroupBrowser.GroupView> create(CallerIdentity caller, @RequestBody NewGroup request) {
        GroupSpec spec = GroupSpec.of(request.slug(), request.name(), request.industry(), request.description(),
                request.visibility(), request.membersCanInvite());
        Group group = administration.create(caller, request.organization(), spec);
        return ResponseEntity.status(HttpStatus.CREATED).body(view(caller, group));
    }

    @PatchMapping("/api/community/groups/{id}")
    GroupBrowser.GroupView update(CallerIdentity caller, @PathVariable UUID id, @RequestBody GroupAdministration.Changes changes) {
        return view(caller, administration.update(caller, id, changes));
    }

    @PostMapping("/api/community/groups/{id}/archive")
    GroupBrowser.GroupView archive(CallerIdentity caller, @PathVariable UUID id) {
        return view(caller, administration.archive(caller, id));
    }

    /** The group's audit trail, for its organization's admins. */
    @GetMapping("/api/community/groups/{id}/audit")
    AuditTrail audit(CallerIdentity caller, @PathVariable UUID id) {
        Group group = groups.require(id);
        if (!groups.isOrganizationAdmin(group.organizationId(), caller)) {
            throw ApiProblem.forbidden("Only the organization's admins may read a group's audit trail.");
        }
        return new AuditTrail(audit.ofGroup(id));
    }

    private GroupBrowser.GroupView view(CallerIdentity caller, Group group) {
        return browser.bySlug(caller, group.slug(), group.organizationSlug()).orElse(GroupBrowser.GroupView.of(group, null));
    }

    record NewGroup(String organization, String slug, String name, String industry, String description, String visibility,
            Boolean membersCanInvite) {
    }

    record Industries(List<GroupBrowser.IndustryCount> industries) {
    }

    record AuditTrail(List<AuditLog.Entry> entries) {
    }
}
