package io.github.artemishalab.worksheets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.artemishalab.worksheets.Worksheet.Block;
import io.github.artemishalab.worksheets.Worksheet.Kind;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

class WorksheetTest {

    @Test
    void readsBlocksWithKindOptionsTextAndLine() {
        Worksheet w = Worksheet.parse("x.md", """
                # Title

                ```sh lab
                ./lab up --mode shared-store
                ./lab status
                ```

                ```output
                Pair ready in 2.0 s.
                ```

                ```sh lab terminal=2
                cd jms-clients && ../mvnw -q verify -PqueueReceiver
                ```

                ```output terminal=2 timeout=30
                Received … (drained).
                ```

                ```sh lab exit=1
                ./lab verify
                ```

                ```sh
                open lab-data/runs/latest/report.html
                ```

                ~~~xml
                <allow-failback>true</allow-failback>
                ~~~
                """);

        List<Block> b = w.blocks();
        assertThat(b).extracting(Block::kind).containsExactly(Kind.COMMAND, Kind.OUTPUT, Kind.COMMAND, Kind.OUTPUT,
                Kind.COMMAND, Kind.SHOWN, Kind.SHOWN);
        assertThat(b).extracting(Block::line).containsExactly(3, 8, 12, 16, 20, 24, 28);
        assertThat(b.get(0).text()).isEqualTo("./lab up --mode shared-store\n./lab status");
        assertThat(b.get(0).exitCodes()).containsExactly(0);
        assertThat(b.get(0).terminal()).isEmpty();
        assertThat(b.get(2).terminal()).contains("2");
        assertThat(b.get(3).terminal()).contains("2");
        assertThat(b.get(3).timeout(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(30));
        assertThat(b.get(1).timeout(Duration.ofSeconds(120))).isEqualTo(Duration.ofSeconds(120));
        assertThat(b.get(4).exitCodes()).containsExactly(1);
        assertThat(b.get(6).text()).isEqualTo("<allow-failback>true</allow-failback>");
        assertThat(w.commandFor(1)).contains(b.get(0));
    }

    @Test
    void acceptsSeveralExitCodes() {
        Worksheet w = Worksheet.parse("x.md", "```sh lab exit=0,1\n./lab drill --delivery naive\n```\n");
        assertThat(w.blocks().get(0).exitCodes()).isEqualTo(Set.of(0, 1));
    }

    @Test
    void severalOutputBlocksCheckTheSameCommand() {
        Worksheet w = Worksheet.parse("x.md", "```sh lab\na\n```\ntext\n```output\nx\n```\nmore text\n```output\ny\n```\n");
        assertThat(w.commandFor(2)).contains(w.blocks().get(0));
    }

    @Test
    void aLongerFenceCanHoldAShorterOne() {
        Worksheet w = Worksheet.parse("x.md", "````text\n```sh lab\nnot run\n```\n````\n");
        assertThat(w.blocks()).singleElement().extracting(Block::kind).isEqualTo(Kind.SHOWN);
        assertThat(w.blocks().get(0).text()).isEqualTo("```sh lab\nnot run\n```");
    }

    @Test
    void indentedFencesInAListAreDedented() {
        Worksheet w = Worksheet.parse("x.md", "1. Start it:\n\n   ```sh lab\n   ./lab up\n   ```\n");
        assertThat(w.blocks()).singleElement().satisfies(b -> {
            assertThat(b.kind()).isEqualTo(Kind.COMMAND);
            assertThat(b.text()).isEqualTo("./lab up");
        });
    }

    @Test
    void unknownOptionsAreRefusedWithTheLine() {
        assertThatThrownBy(() -> Worksheet.parse("x.md", "text\n\n```sh lab exitcode=1\n./lab verify\n```\n"))
                .hasMessageContaining("x.md:3: unknown option 'exitcode=1'");
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```sh lab\na\n```\n```output exit=1\nb\n```\n"))
                .hasMessageContaining("x.md:4: unknown option 'exit=1'");
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```sh lab terminal=two\na\n```\n"))
                .hasMessageContaining("x.md:1: option 'terminal=two' needs a number");
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```sh lab terminal=2 exit=1\na\n```\n"))
                .hasMessageContaining("x.md:1: a terminal block runs in the background");
    }

    @Test
    void anOutputBlockNeedsACommandThatRuns() {
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```output\nx\n```\n"))
                .hasMessageContaining("x.md:1: output block does not follow a ```sh lab block");
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```sh lab\na\n```\n```sh\nb\n```\n```output\nx\n```\n"))
                .hasMessageContaining("x.md:7: output block does not follow");
        assertThatThrownBy(() -> Worksheet.parse("x.md", "```output terminal=3\nx\n```\n```sh lab terminal=3\na\n```\n"))
                .hasMessageContaining("x.md:1: output for terminal 3, but no ```sh lab terminal=3 block starts it before");
    }

    @Test
    void anUnclosedBlockIsAnError() {
        assertThatThrownBy(() -> Worksheet.parse("x.md", "text\n```sh lab\n./lab up\n"))
                .hasMessageContaining("x.md:2: code block is never closed");
    }

    @Test
    void theWorksheetsOfThisModuleParse() throws IOException {
        Path dir = Path.of(System.getProperty("worksheets.dir", ".")).toAbsolutePath();
        try (Stream<Path> s = Files.list(dir)) {
            List<Path> sheets = s.filter(p -> p.getFileName().toString().endsWith(".md")).sorted().toList();
            assertThat(sheets).isNotEmpty();
            for (Path p : sheets) {
                Worksheet w = Worksheet.read(p);
                if (!p.getFileName().toString().equals("README.md")) {
                    assertThat(w.blocks()).as(p.getFileName().toString()).anyMatch(b -> b.kind() == Kind.COMMAND);
                }
            }
        }
    }
}
