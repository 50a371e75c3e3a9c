package dev.tollgate.platform.identity;

import java.util.regex.Pattern;

/**
 * The one format of account and user ids, checked wherever an id enters the platform (Stripe
 * metadata and {@code client_reference_id}, JWT claims, event bodies). An id becomes a Kafka key,
 * a CloudEvents subject, a log field and a database key, so anything beyond this alphabet is
 * refused at the edge instead of being interpreted downstream.
 * <ul>
 * <li>account id: 1 to 64 characters, letters, digits, {@code _} and {@code -}, starting with a
 * letter or digit (e.g. {@code acct_123}, {@code org-7f3a});</li>
 * <li>user id: 1 to 128 characters, letters, digits and {@code _ - . : @ |}, starting with a letter
 * or digit, so identity providers' subjects such as {@code auth0|65f...} or an e-mail fit.</li>
 * </ul>
 */
public final class Ids {

    public static final String ACCOUNT_ID_FORMAT = "1-64 characters of A-Z a-z 0-9 _ -, starting with a letter or digit";
    public static final String USER_ID_FORMAT = "1-128 characters of A-Z a-z 0-9 _ - . : @ |, starting with a letter or digit";

    private static final Pattern ACCOUNT_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_-]{0,63}");
    private static final Pattern USER_ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9_.:@|-]{0,127}");

    private Ids() {
    }

    public static boolean isAccountId(String candidate) {
        return candidate != null && ACCOUNT_ID.matcher(candidate).matches();
    }

    public static boolean isUserId(String candidate) {
        return candidate != null && USER_ID.matcher(candidate).matches();
    }

    /** Returns {@code candidate} if it is a valid account id; otherwise throws, naming where it came from. */
    public static String requireAccountId(String candidate, String source) {
        if (!isAccountId(candidate)) {
            throw new InvalidIdException("account id " + quoted(candidate) + " from " + source + " is not valid: "
                    + ACCOUNT_ID_FORMAT);
        }
        return candidate;
    }

    /** Returns {@code candidate} if it is a valid user id; otherwise throws, naming where it came from. */
    public static String requireUserId(String candidate, String source) {
        if (!isUserId(candidate)) {
            throw new InvalidIdException("user id " + quoted(candidate) + " from " + source + " is not valid: " + USER_ID_FORMAT);
        }
        return candidate;
    }

    private static String quoted(String candidate) {
        if (candidate == null) {
            return "(none)";
        }
        String shown = candidate.length() > 80 ? candidate.substring(0, 80) + "..." : candidate;
        return "'" + shown.replaceAll("\\p{Cntrl}", "?") + "'";
    }

    /** An id outside the documented format. */
    public static final class InvalidIdException extends IllegalArgumentException {

        public InvalidIdException(String message) {
            super(message);
        }
    }
}
