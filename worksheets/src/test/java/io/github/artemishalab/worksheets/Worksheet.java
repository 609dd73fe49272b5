package io.github.artemishalab.worksheets;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Markdown worksheet as the test sees it: its fenced code blocks, in order, each with its kind, options, text and
 * the line its opening fence is on.
 *
 * <p>The convention: {@code ```sh lab} is run ({@code exit=N[,M]} the accepted exit codes, {@code terminal=N} runs it
 * in the background as terminal N, {@code timeout=S} the longest it may take in the foreground); {@code ```output}
 * is checked against the output of the command block before it, {@code ```output terminal=N} against terminal N
 * (waiting up to {@code timeout=S}); every other block is only shown.
 */
public record Worksheet(String name, List<Block> blocks) {

    /** What the test does with a block. */
    public enum Kind {
        /** {@code sh lab}: run it. */
        COMMAND,
        /** {@code output}: check it against a command's output. */
        OUTPUT,
        /** Anything else ({@code sh}, {@code xml}, {@code text}, ...): shown to the reader, never run. */
        SHOWN
    }

    /** One fenced code block; {@code line} is the 1-based line of its opening fence. */
    public record Block(Kind kind, Map<String, String> options, String text, int line) {

        public Block {
            options = Map.copyOf(options);
        }

        /** The terminal this block runs in or reads from, if it names one. */
        public Optional<String> terminal() {
            return Optional.ofNullable(options.get("terminal"));
        }

        /** The exit codes a command block may end with: {@code exit=1}, {@code exit=0,1}; 0 when not given. */
        public Set<Integer> exitCodes() {
            String exit = options.getOrDefault("exit", "0");
            return Set.copyOf(Arrays.stream(exit.split(",")).map(s -> Integer.valueOf(s.trim())).toList());
        }

        /** {@code timeout=S} in seconds, or the given default. */
        public Duration timeout(Duration otherwise) {
            String t = options.get("timeout");
            return t == null ? otherwise : Duration.ofSeconds(Long.parseLong(t));
        }

        /** The block's first line, for messages. */
        public String firstLine() {
            int nl = text.indexOf('\n');
            return nl < 0 ? text : text.substring(0, nl) + " ...";
        }
    }

    private static final Pattern FENCE = Pattern.compile("^( {0,3})(`{3,}|~{3,})(.*)$");
    private static final Pattern NUMBER = Pattern.compile("\\d+");
    private static final Pattern EXIT_CODES = Pattern.compile("\\d+(,\\d+)*");
    private static final Set<String> COMMAND_OPTIONS = Set.of("exit", "terminal", "timeout");
    private static final Set<String> OUTPUT_OPTIONS = Set.of("terminal", "timeout");

    public Worksheet {
        blocks = List.copyOf(blocks);
    }

    public static Worksheet read(Path file) throws IOException {
        return parse(file.getFileName().toString(), Files.readString(file, StandardCharsets.UTF_8));
    }

    /**
     * Parses Markdown text. Fails with the worksheet's name and line on an unclosed fence, an unknown option, or
     * an output block that has no command to check.
     */
    public static Worksheet parse(String name, String markdown) {
        String[] lines = markdown.split("\r?\n", -1);
        List<Block> blocks = new ArrayList<>();
        for (int i = 0; i < lines.length; i++) {
            Matcher open = FENCE.matcher(lines[i]);
            if (!open.matches()) {
                continue;
            }
            int indent = open.group(1).length();
            String fence = open.group(2);
            String info = open.group(3).trim();
            if (fence.charAt(0) == '`' && info.contains("`")) {
                continue; // not a fence: an inline code span that starts a line
            }
            int start = i;
            List<String> body = new ArrayList<>();
            boolean closed = false;
            for (i = i + 1; i < lines.length; i++) {
                String l = lines[i];
                String stripped = l.stripLeading();
                if (l.length() - stripped.length() <= 3 && stripped.startsWith(fence.substring(0, 1).repeat(fence.length()))
                        && stripped.chars().allMatch(c -> c == fence.charAt(0) || Character.isWhitespace(c))) {
                    closed = true;
                    break;
                }
                body.add(dedent(l, indent));
            }
            if (!closed) {
                throw new IllegalArgumentException(name + ":" + (start + 1) + ": code block is never closed");
            }
            blocks.add(block(name, info, String.join("\n", body), start + 1));
        }
        Worksheet w = new Worksheet(name, blocks);
        w.validate();
        return w;
    }

    private static Block block(String name, String info, String text, int line) {
        List<String> words = info.isEmpty() ? List.of() : List.of(info.split("\\s+"));
        String language = words.isEmpty() ? "" : words.get(0);
        Kind kind;
        List<String> rest;
        if (language.equals("sh") && words.size() > 1 && words.get(1).equals("lab")) {
            kind = Kind.COMMAND;
            rest = words.subList(2, words.size());
        } else if (language.equals("output")) {
            kind = Kind.OUTPUT;
            rest = words.subList(1, words.size());
        } else {
            return new Block(Kind.SHOWN, Map.of(), text, line);
        }
        Set<String> allowed = kind == Kind.COMMAND ? COMMAND_OPTIONS : OUTPUT_OPTIONS;
        Map<String, String> options = new LinkedHashMap<>();
        for (String word : rest) {
            int eq = word.indexOf('=');
            String key = eq < 0 ? word : word.substring(0, eq);
            if (eq < 0 || !allowed.contains(key)) {
                throw new IllegalArgumentException(name + ":" + line + ": unknown option '" + word + "' in '```" + info
                        + "' (allowed: " + String.join(", ", allowed.stream().sorted().toList()) + ", each as key=value)");
            }
            String value = word.substring(eq + 1);
            boolean valid = key.equals("exit") ? EXIT_CODES.matcher(value).matches() : NUMBER.matcher(value).matches();
            if (!valid) {
                throw new IllegalArgumentException(name + ":" + line + ": option '" + word + "' needs "
                        + (key.equals("exit") ? "exit codes such as exit=1 or exit=0,1" : "a number"));
            }
            options.put(key, value);
        }
        if (kind == Kind.COMMAND && options.containsKey("terminal") && options.containsKey("exit")) {
            throw new IllegalArgumentException(name + ":" + line + ": a terminal block runs in the background; "
                    + "its exit code is not checked, so 'exit=' does not apply");
        }
        if (text.isBlank() && kind != Kind.SHOWN) {
            throw new IllegalArgumentException(name + ":" + line + ": empty ```" + info + " block");
        }
        return new Block(kind, options, text, line);
    }

    private static String dedent(String line, int indent) {
        int n = 0;
        while (n < indent && n < line.length() && line.charAt(n) == ' ') {
            n++;
        }
        return line.substring(n);
    }

    /** An output block without a terminal must check a command that ran: the nearest block before it that is not output. */
    private void validate() {
        Set<String> terminals = new java.util.HashSet<>();
        for (int i = 0; i < blocks.size(); i++) {
            Block b = blocks.get(i);
            if (b.kind() == Kind.COMMAND) {
                b.terminal().ifPresent(terminals::add);
            }
            if (b.kind() != Kind.OUTPUT) {
                continue;
            }
            if (b.terminal().isPresent()) {
                if (!terminals.contains(b.terminal().get())) {
                    throw new IllegalArgumentException(name + ":" + b.line() + ": output for terminal "
                            + b.terminal().get() + ", but no ```sh lab terminal=" + b.terminal().get() + " block starts it before");
                }
                continue;
            }
            Optional<Block> source = commandFor(i);
            if (source.isEmpty()) {
                throw new IllegalArgumentException(name + ":" + b.line() + ": output block does not follow a ```sh lab"
                        + " block (a block that is only shown is never run: use ```text for output shown without a check)");
            }
        }
    }

    /** The command block an output block at {@code index} checks: the nearest earlier block that is not output. */
    public Optional<Block> commandFor(int index) {
        for (int j = index - 1; j >= 0; j--) {
            Block p = blocks.get(j);
            if (p.kind() == Kind.OUTPUT) {
                continue;
            }
            return p.kind() == Kind.COMMAND ? Optional.of(p) : Optional.empty();
        }
        return Optional.empty();
    }
}
