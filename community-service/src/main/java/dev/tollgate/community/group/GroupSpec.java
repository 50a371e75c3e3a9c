package dev.tollgate.community.group;

import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

import dev.tollgate.platform.web.ApiProblem;

/** What a group is made of, checked once for the seed and the API alike. */
record GroupSpec(String slug, String name, String industry, String description, String visibility, boolean membersCanInvite) {

    private static final Pattern SLUG = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final Set<String> VISIBILITIES = Set.of("public", "private");

    static GroupSpec of(String slug, String name, String industry, String description, String visibility,
            Boolean membersCanInvite) {
        String cleanName = required(name, "name", 120);
        String cleanSlug = slug == null || slug.isBlank() ? slugOf(cleanName) : slug.strip();
        if (cleanSlug.length() > 64 || !SLUG.matcher(cleanSlug).matches()) {
            throw ApiProblem.badRequest("slug '" + cleanSlug + "' is not valid: lower-case letters, digits and single hyphens,"
                    + " at most 64 characters (e.g. el-club-de-la-ia).");
        }
        String cleanVisibility = visibility == null ? "public" : visibility.strip().toLowerCase(Locale.ROOT);
        if (!VISIBILITIES.contains(cleanVisibility)) {
            throw ApiProblem.badRequest("visibility must be 'public' or 'private', not '" + visibility + "'.");
        }
        String cleanDescription = description == null ? "" : description.strip();
        if (cleanDescription.length() > 2000) {
            throw ApiProblem.badRequest("description is longer than 2000 characters.");
        }
        return new GroupSpec(cleanSlug, cleanName, required(industry, "industry", 60), cleanDescription, cleanVisibility,
                Boolean.TRUE.equals(membersCanInvite));
    }

    String searchText() {
        return SearchText.fold(name + " " + description);
    }

    String sortName() {
        return SearchText.fold(name);
    }

    static String required(String value, String field, int max) {
        if (value == null || value.isBlank()) {
            throw ApiProblem.badRequest(field + " is required.");
        }
        if (value.strip().length() > max) {
            throw ApiProblem.badRequest(field + " is longer than " + max + " characters.");
        }
        return value.strip();
    }

    static String slugOf(String name) {
        String slug = SearchText.fold(name).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        return slug.length() > 64 ? slug.substring(0, 64).replaceAll("-+$", "") : slug;
    }
}
