package dev.refusalguard.proxy.server;

import java.util.Locale;

/** Checks on an agent's request target before its path is appended to an upstream's base URL. */
final class RequestTargets {

    private RequestTargets() {
    }

    /**
     * True when the path of an origin-form target has a {@code .} or {@code ..} segment, spelled plainly or
     * percent-encoded ({@code %2e}), with segments also split at an encoded slash or a backslash, either of which
     * an upstream server may decode or treat as a separator before it resolves dot segments. Forwarded, such a path
     * could resolve outside the path prefix of the upstream's base URL.
     */
    static boolean hasDotSegment(String target) {
        int end = target.length();
        boolean suspect = false;
        for (int i = 0; i < target.length(); i++) {
            char c = target.charAt(i);
            if (c == '?' || c == '#') {
                end = i;
                break;
            }
            suspect |= c == '.' || c == '%' || c == '\\';
        }
        if (!suspect) {
            return false; // the common case: no dot, escape or backslash, nothing to resolve
        }
        String path = target.substring(0, end).toLowerCase(Locale.ROOT)
                .replace("%2f", "/").replace("%5c", "/").replace('\\', '/').replace("%2e", ".");
        for (String segment : path.split("/", -1)) {
            if (segment.equals(".") || segment.equals("..")) {
                return true;
            }
        }
        return false;
    }
}
