package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class OutputMatcherTest {

    private static boolean matches(String expected, String... actual) {
        return OutputMatcher.match(expected, List.of(actual)).matched();
    }

    @Nested
    class Digits {

        @Test
        void aRunOfDigitsMatchesAnyRunOfDigits() {
            assertThat(matches("Killed primary (pid 1234) with SIGKILL.", "Killed primary (pid 98765) with SIGKILL.")).isTrue();
            assertThat(matches("Pair ready in 4.2 s.", "Pair ready in 12.75 s.")).isTrue();
            assertThat(matches("kill primary     23:55:01.571       2 ms", "kill primary     00:00:18.719    3120 ms")).isTrue();
        }

        @Test
        void digitsNeedDigits() {
            assertThat(matches("  primary  stopped  4711", "  primary  stopped  -")).isFalse();
            assertThat(matches("sent 3000", "sent ")).isFalse();
        }

        @Test
        void digitsDoNotMatchLetters() {
            assertThat(matches("round 1/2", "round one/2")).isFalse();
        }
    }

    @Nested
    class Ellipsis {

        @Test
        void matchesAnythingWithinALine() {
            assertThat(matches("Starting a shared-store pair in …", "Starting a shared-store pair in /tmp/ws-1/lab")).isTrue();
            assertThat(matches("primary is … after … s.", "primary is backup-in-sync after 3.9 s.")).isTrue();
            assertThat(matches("Verdict: OK (exit 0): all … received…",
                    "Verdict: OK (exit 0): all 2047 confirmed messages were received (2 duplicate receipts, allowed under naive)"))
                    .isTrue();
        }

        @Test
        void matchesNothingToo() {
            assertThat(matches("Received … (drained).", "Received  (drained).")).isTrue();
            assertThat(matches("a…b", "ab")).isTrue();
        }

        @Test
        void doesNotSpanLines() {
            assertThat(matches("first … second", "first line", "second")).isFalse();
        }

        @Test
        void threeDotsInsideALineAreLiteral() {
            assertThat(matches("failing over...", "failing over...")).isTrue();
            assertThat(matches("failing over...", "failing over!!!")).isFalse();
        }
    }

    @Nested
    class Elision {

        @Test
        void aLineOfThreeDotsIsIgnored() {
            assertThat(matches("first\n...\nlast", "first", "anything", "last")).isTrue();
            assertThat(matches("  ...  \nonly", "only")).isTrue();
            assertThat(OutputMatcher.expectedLines("a\n...\n\n  b  \n")).containsExactly("a", "b");
        }
    }

    @Nested
    class Order {

        @Test
        void expectedLinesAreASubsequenceOfTheActualLines() {
            assertThat(matches("one\nthree", "one", "two", "three")).isTrue();
            assertThat(matches("three\none", "one", "two", "three")).isFalse();
        }

        @Test
        void eachExpectedLineNeedsItsOwnActualLine() {
            assertThat(matches("same\nsame", "same")).isFalse();
            assertThat(matches("same\nsame", "same", "other", "same")).isTrue();
        }

        @Test
        void aCheckCanStartFromAnEarlierCheck() {
            List<String> actual = List.of("[lab] node backup is active", "...", "[lab] node backup is starting",
                    "[lab] node backup is active");
            OutputMatcher.Result first = OutputMatcher.match("[lab] node backup is active", actual, 0);
            assertThat(first.next()).isEqualTo(1);
            OutputMatcher.Result second = OutputMatcher.match("[lab] node backup is active", actual, first.next());
            assertThat(second.matched()).isTrue();
            assertThat(second.lastMatchedAt()).isEqualTo(3);
            assertThat(OutputMatcher.match("[lab] node backup is active", actual, second.next()).matched()).isFalse();
        }

        @Test
        void anEmptyExpectationMatches() {
            assertThat(matches("\n...\n")).isTrue();
        }
    }

    @Nested
    class Whitespace {

        @Test
        void runsOfWhitespaceMatchAnyRunOfWhitespace() {
            assertThat(matches("primary active 9332", "  primary  active\t\t9332   ")).isTrue();
            assertThat(matches("  NODE     STATE", "NODE STATE")).isTrue();
        }

        @Test
        void whitespaceIsNeededWhereExpected() {
            assertThat(matches("backup active", "backupactive")).isFalse();
        }

        @Test
        void aLineMustMatchWhole() {
            assertThat(matches("backup", "backup-in-sync")).isFalse();
            assertThat(matches("active", "primary active")).isFalse();
        }

        @Test
        void regexCharactersAreLiteral() {
            assertThat(matches("(tcp://a:1,tcp://b:2)?ha=true&x=[y]*", "(tcp://a:61616,tcp://b:61716)?ha=true&x=[y]*"))
                    .isTrue();
            assertThat(matches("a.c", "abc")).isFalse();
        }
    }

    @Nested
    class ActualLines {

        @Test
        void ansiEscapesAreRemovedAndCarriageReturnsSplitLines() {
            List<String> lines = OutputMatcher.lines("\u001B[1mbold\u001B[0m\r\nsent 1/10\rsent 5/10\u001B[K\rsent 10/10\u001B[K\ndone\n");
            assertThat(lines).containsExactly("bold", "sent 1/10", "sent 5/10", "sent 10/10", "done");
        }

        @Test
        void noTrailingEmptyLine() {
            assertThat(OutputMatcher.lines("a\nb\n")).containsExactly("a", "b");
            assertThat(OutputMatcher.lines("")).isEmpty();
        }
    }

    @Nested
    class Failures {

        private final Worksheet.Block command = new Worksheet.Block(Worksheet.Kind.COMMAND, Map.of(),
                "./lab status", 40);
        private final Worksheet.Block output = new Worksheet.Block(Worksheet.Kind.OUTPUT, Map.of(),
                "Lab …\n...\n  primary  active …\n  backup   backup …\n", 45);

        @Test
        void sayWhichLineDidNotMatchAndWhatCameBefore() {
            List<String> actual = List.of("Lab /tmp/x: shared-store, failback on", "  NODE  STATE",
                    "  primary  active  1234  tcp://127.0.0.1:61616  0.3s", "  backup   starting  1240  tcp://127.0.0.1:61716");
            OutputMatcher.Result r = OutputMatcher.match(output.text(), actual);

            assertThat(r.matched()).isFalse();
            assertThat(r.matchedLines()).isEqualTo(2);
            assertThat(r.missing()).isEqualTo("backup   backup …");
            assertThat(r.missingIndex()).isEqualTo(3);
            assertThat(r.lastMatchedAt()).isEqualTo(2);

            String message = OutputMatcher.explain("01-shared-store.md", output, command, "the command's output", r,
                    actual, 0);
            assertThat(message)
                    .startsWith("01-shared-store.md:49: expected line not found in the command's output")
                    .contains("output block: line 45")
                    .contains("command (block at line 40): ./lab status")
                    .contains("expected (line 49): backup   backup …")
                    .contains("the 2 expected line(s) before it matched, the last one at output line 3")
                    .contains("last 4 of 4 line(s) of actual output:")
                    .contains("    4 |   backup   starting  1240  tcp://127.0.0.1:61716");
        }

        @Test
        void showTheLastThirtyLines() {
            List<String> actual = java.util.stream.IntStream.rangeClosed(1, 100).mapToObj(i -> "line " + i).toList();
            String tail = OutputMatcher.tail(actual);
            assertThat(tail).contains("last 30 of 100 line(s)").contains("   71 | line 71").contains("  100 | line 100")
                    .doesNotContain("| line 70\n");
        }

        @Test
        void sayWhereACheckStartedWhenEarlierLinesWereUsed() {
            List<String> actual = List.of("a", "b");
            OutputMatcher.Result r = OutputMatcher.match("zzz", actual, 1);
            assertThat(OutputMatcher.explain("x.md", output, command, "terminal 2 within 120 s", r, actual, 1))
                    .contains("not found in terminal 2 within 120 s").contains("checked from output line 2");
        }

        @Test
        void sayWhenThereWasNoOutput() {
            assertThat(OutputMatcher.tail(List.of())).contains("(none)");
        }
    }
}
