package io.github.artemishalab.worksheets;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Checks a worksheet's expected output against what a command printed.
 *
 * <p>Every non-blank expected line must match one actual line, in order, each a later line than the one before
 * (a subsequence: actual lines in between are skipped). Within a line, after trimming both: a run of digits matches
 * any run of digits, {@code …} (U+2026) matches anything, a run of whitespace matches any run of whitespace, and
 * everything else matches itself. An expected line that is exactly {@code ...} is ignored: it marks an elision for
 * the reader. The actual output is split into lines at {@code \n} and {@code \r} (a progress line rewritten in place
 * gives one line per rewrite) after ANSI escape sequences are removed.
 */
public final class OutputMatcher {

    /** The ellipsis character that matches anything within a line. */
    public static final String ANYTHING = "\u2026";
    /** An expected line made of this alone is a visual elision. */
    public static final String ELISION = "...";

    private static final Pattern ANSI = Pattern.compile("\u001B(?:\\[[0-?]*[ -/]*[@-~]|\\][^\u0007\u001B]*(?:\u0007|\u001B\\\\)|[@-Z\\\\-_])");

    /**
     * The outcome of a check.
     *
     * @param matched        whether every expected line was found
     * @param matchedLines   how many expected lines were found, in order, before the first that was not
     * @param missing        the first expected line that was not found (null when matched)
     * @param missingIndex   its index among the expected block's lines, 0-based (-1 when matched)
     * @param next           the index of the actual line after the last matched one: where a later check continues
     * @param lastMatchedAt  the index of the actual line the last found expected line matched (-1 if none)
     */
    public record Result(boolean matched, int matchedLines, String missing, int missingIndex, int next,
                         int lastMatchedAt) {
    }

    private OutputMatcher() {
    }

    /** Actual output as lines: ANSI escapes removed, split at {@code \r\n}, {@code \n} and {@code \r}. */
    public static List<String> lines(String output) {
        String clean = ANSI.matcher(output).replaceAll("");
        List<String> lines = new ArrayList<>(List.of(clean.split("\r\n|\n|\r", -1)));
        if (!lines.isEmpty() && lines.get(lines.size() - 1).isEmpty()) {
            lines.remove(lines.size() - 1); // the newline that ends the last line does not start another
        }
        return lines;
    }

    /** Checks all of {@code actual}. */
    public static Result match(String expected, List<String> actual) {
        return match(expected, actual, 0);
    }

    /** Checks the actual lines from index {@code from} on. */
    public static Result match(String expected, List<String> actual, int from) {
        List<String> wanted = expectedLines(expected);
        int at = from;
        int lastMatchedAt = -1;
        for (int i = 0; i < wanted.size(); i++) {
            Pattern p = pattern(wanted.get(i));
            int found = -1;
            for (int j = at; j < actual.size(); j++) {
                if (p.matcher(actual.get(j).strip()).matches()) {
                    found = j;
                    break;
                }
            }
            if (found < 0) {
                return new Result(false, i, wanted.get(i), indexInBlock(expected, i), at, lastMatchedAt);
            }
            lastMatchedAt = found;
            at = found + 1;
        }
        return new Result(true, wanted.size(), null, -1, at, lastMatchedAt);
    }

    /** The lines of an expected block that are checked: not blank, not {@code ...}; trimmed. */
    public static List<String> expectedLines(String expected) {
        List<String> out = new ArrayList<>();
        for (String l : expected.split("\r?\n", -1)) {
            String s = l.strip();
            if (!s.isEmpty() && !s.equals(ELISION)) {
                out.add(s);
            }
        }
        return out;
    }

    /** The regular expression one expected line stands for (matched against a whole trimmed actual line). */
    public static Pattern pattern(String expectedLine) {
        String s = expectedLine.strip();
        StringBuilder re = new StringBuilder();
        StringBuilder literal = new StringBuilder();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            int j = i;
            String part;
            if (c >= '0' && c <= '9') {
                while (j < s.length() && s.charAt(j) >= '0' && s.charAt(j) <= '9') {
                    j++;
                }
                part = "\\d+";
            } else if (Character.isWhitespace(c)) {
                while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                    j++;
                }
                part = "\\s+";
            } else if (s.startsWith(ANYTHING, i)) {
                j = i + ANYTHING.length();
                part = ".*";
            } else {
                literal.append(c);
                i++;
                continue;
            }
            if (!literal.isEmpty()) {
                re.append(Pattern.quote(literal.toString()));
                literal.setLength(0);
            }
            re.append(part);
            i = j;
        }
        if (!literal.isEmpty()) {
            re.append(Pattern.quote(literal.toString()));
        }
        return Pattern.compile(re.toString(), Pattern.DOTALL);
    }

    /** The 0-based line within the raw expected block of the {@code n}-th checked line. */
    private static int indexInBlock(String expected, int n) {
        String[] raw = expected.split("\r?\n", -1);
        int seen = 0;
        for (int k = 0; k < raw.length; k++) {
            String s = raw[k].strip();
            if (!s.isEmpty() && !s.equals(ELISION)) {
                if (seen == n) {
                    return k;
                }
                seen++;
            }
        }
        return -1;
    }

    /** How many lines of actual output a failure shows. */
    public static final int TAIL = 30;

    /**
     * The message for an output check that failed: where (worksheet, output block, command block), what was
     * expected, and the last {@value #TAIL} lines of what was printed.
     *
     * @param worksheet the worksheet's file name
     * @param output    the output block that was checked
     * @param command   the command block whose output it was checked against
     * @param source    what the output came from, e.g. "the command's output" or "terminal 2"
     * @param result    the failed check
     * @param actual    the actual lines
     * @param from      the index of the first actual line the check looked at
     */
    public static String explain(String worksheet, Worksheet.Block output, Worksheet.Block command, String source,
                                 Result result, List<String> actual, int from) {
        int expectedLine = output.line() + 1 + result.missingIndex();
        StringBuilder m = new StringBuilder();
        m.append(worksheet).append(":").append(expectedLine).append(": expected line not found in ").append(source)
                .append("\n  output block: line ").append(output.line())
                .append("\n  command (block at line ").append(command.line()).append("): ").append(indent(command.text()))
                .append("\n  expected (line ").append(expectedLine).append("): ").append(result.missing());
        if (result.matchedLines() > 0) {
            m.append("\n  the ").append(result.matchedLines()).append(" expected line(s) before it matched, the last one at output line ")
                    .append(result.lastMatchedAt() + 1);
        }
        if (from > 0) {
            m.append("\n  (checked from output line ").append(from + 1)
                    .append(": earlier lines were matched by an earlier output block)");
        }
        m.append("\n").append(tail(actual));
        return m.toString();
    }

    /** The last {@value #TAIL} lines, numbered, for a failure message. */
    public static String tail(List<String> actual) {
        StringBuilder m = new StringBuilder();
        int start = Math.max(0, actual.size() - TAIL);
        m.append("  last ").append(actual.size() - start).append(" of ").append(actual.size())
                .append(" line(s) of actual output:");
        if (actual.isEmpty()) {
            m.append(" (none)");
        }
        for (int k = start; k < actual.size(); k++) {
            m.append(String.format("%n  %5d | %s", k + 1, actual.get(k)));
        }
        return m.toString();
    }

    private static String indent(String text) {
        return text.replace("\n", "\n      ");
    }
}
