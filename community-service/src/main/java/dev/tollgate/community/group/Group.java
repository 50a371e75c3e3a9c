package dev.tollgate.community.group;

import java.time.Instant;
import java.util.UUID;

/** A community group as stored. */
public record Group(UUID id, UUID organizationId, String organizationSlug, String slug, String name, String industry,
        String description, String visibility, boolean membersCanInvite, int memberCount, Instant archivedAt) {

    public boolean archived() {
        return archivedAt != null;
    }

    public boolean isPublic() {
        return "public".equals(visibility);
    }
}
