package io.careboard.analytics;

/** Conditional requests: {@code If-None-Match} against an answer's entity tag. */
final class EntityTags {

    /** Browsers may keep an answer but must revalidate it; it is for this user only. */
    static final String CACHE_CONTROL = "private, no-cache";

    private EntityTags() {
    }

    /**
     * Whether an {@code If-None-Match} header matches {@code etag} by the weak comparison
     * RFC 9110 prescribes for it: {@code *}, or any listed tag equal to it with or without
     * {@code W/}.
     */
    static boolean matches(String ifNoneMatch, String etag) {
        if (ifNoneMatch == null || ifNoneMatch.isBlank()) {
            return false;
        }
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.equals("*")) {
                return true;
            }
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }
}
