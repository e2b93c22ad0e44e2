package dev.zksim.model.manifest;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits the script of {@code sh -c "..."} into words the way a POSIX shell does for a simple command line:
 * blanks separate words; single quotes keep everything literally; double quotes keep everything but let a
 * backslash escape {@code $ ` " \} and a newline; a backslash outside quotes escapes the next character (and a
 * backslash-newline disappears); {@code #} at the start of a word begins a comment; {@code ; & | && ||} and
 * newlines end a command and come out as separate operator words. Expansions ({@code $VAR}, {@code $(...)}) are
 * kept as written; zksim does not evaluate them.
 */
final class ShellWords {

    /** A word, or a control operator that ends a command. */
    record Word(String text, boolean operator) {}

    private ShellWords() {}

    /**
     * @throws IllegalArgumentException when a quote is not closed
     */
    static List<Word> split(String script) {
        List<Word> words = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean inWord = false;
        int n = script.length();
        for (int i = 0; i < n; i++) {
            char c = script.charAt(i);
            if (c == '\'') {
                int end = script.indexOf('\'', i + 1);
                if (end < 0) {
                    throw new IllegalArgumentException("the shell script has a ' that is never closed");
                }
                cur.append(script, i + 1, end);
                inWord = true;
                i = end;
            } else if (c == '"') {
                int j = i + 1;
                while (j < n && script.charAt(j) != '"') {
                    char d = script.charAt(j);
                    if (d == '\\' && j + 1 < n && "$`\"\\\n".indexOf(script.charAt(j + 1)) >= 0) {
                        if (script.charAt(j + 1) != '\n') {
                            cur.append(script.charAt(j + 1));
                        }
                        j += 2;
                    } else {
                        cur.append(d);
                        j++;
                    }
                }
                if (j >= n) {
                    throw new IllegalArgumentException("the shell script has a \" that is never closed");
                }
                inWord = true;
                i = j;
            } else if (c == '\\') {
                if (i + 1 < n) {
                    if (script.charAt(i + 1) != '\n') {
                        cur.append(script.charAt(i + 1));
                        inWord = true;
                    }
                    i++;
                }
            } else if (c == ' ' || c == '\t') {
                inWord = flush(words, cur, inWord);
            } else if (c == '\n' || c == ';' || c == '&' || c == '|') {
                inWord = flush(words, cur, inWord);
                if (c == '\n') {
                    words.add(new Word(";", true));
                } else if (i + 1 < n && script.charAt(i + 1) == c && c != ';') {
                    words.add(new Word("" + c + c, true));
                    i++;
                } else {
                    words.add(new Word(String.valueOf(c), true));
                }
            } else if (c == '#' && !inWord) {
                while (i + 1 < n && script.charAt(i + 1) != '\n') {
                    i++;
                }
            } else {
                cur.append(c);
                inWord = true;
            }
        }
        flush(words, cur, inWord);
        return words;
    }

    private static boolean flush(List<Word> words, StringBuilder cur, boolean inWord) {
        if (inWord) {
            words.add(new Word(cur.toString(), false));
            cur.setLength(0);
        }
        return false;
    }
}
