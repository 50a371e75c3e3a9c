package dev.tollgate.community.group;

import java.text.Normalizer;
import java.util.Locale;

/** The one way names and queries are folded for search and sorting: lower case, accents removed, spaces collapsed. */
public final class SearchText {

    private SearchText() {
    }

    public static String fold(String text) {
        if (text == null) {
            return "";
        }
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFD).replaceAll("\\p{M}+", "");
        return decomposed.toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }
}
