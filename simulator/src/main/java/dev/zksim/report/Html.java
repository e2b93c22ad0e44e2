package dev.zksim.report;

import java.nio.charset.StandardCharsets;

/** Escaping for text and attribute values in the page, and percent-encoding for relative links. */
public final class Html {
    private static final char REPLACEMENT = '\uFFFD';
    private static final String HEX = "0123456789ABCDEF";

    private Html() {}

    /**
     * {@code s} safe as element text and as a double- or single-quoted attribute value. Control characters other than
     * tab, line feed and carriage return, and unpaired surrogates, become U+FFFD: HTML forbids them (WHATWG HTML
     * §13.1.4 "Text"), and a stray one must not make the report unreadable.
     */
    public static String text(String s) {
        StringBuilder sb = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '&' -> sb.append("&amp;");
                case '<' -> sb.append("&lt;");
                case '>' -> sb.append("&gt;");
                case '"' -> sb.append("&quot;");
                case '\'' -> sb.append("&#39;");
                default -> {
                    if (Character.isHighSurrogate(c)
                            && i + 1 < s.length()
                            && Character.isLowSurrogate(s.charAt(i + 1))) {
                        sb.append(c).append(s.charAt(++i));
                    } else if (Character.isSurrogate(c) || forbidden(c)) {
                        sb.append(REPLACEMENT);
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        return sb.toString();
    }

    private static boolean forbidden(char c) {
        return (c < 0x20 && c != '\t' && c != '\n' && c != '\r')
                || (c >= 0x7F && c <= 0x9F)
                || c == '\uFFFE'
                || c == '\uFFFF';
    }

    /**
     * A relative path as an {@code href} value: every byte outside RFC 3986 "unreserved" and {@code /} is
     * percent-encoded, so no path can turn into a scheme ({@code javascript:}), a query or a fragment.
     */
    static String href(String relativePath) {
        StringBuilder sb = new StringBuilder();
        for (byte b : relativePath.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xFF;
            if ((c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z')
                    || (c >= '0' && c <= '9')
                    || c == '-'
                    || c == '.'
                    || c == '_'
                    || c == '~'
                    || c == '/') {
                sb.append((char) c);
            } else {
                sb.append('%').append(HEX.charAt(c >> 4)).append(HEX.charAt(c & 0xF));
            }
        }
        return sb.toString();
    }
}
