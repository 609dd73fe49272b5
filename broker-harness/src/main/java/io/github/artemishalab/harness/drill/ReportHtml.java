package io.github.artemishalab.harness.drill;

import com.github.mustachejava.DefaultMustacheFactory;
import com.github.mustachejava.Mustache;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import java.io.IOException;
import java.io.InputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * Renders a drill as one self-contained HTML page (no scripts, nothing fetched): the {@link ReportPage} through the
 * template {@code report/drill-report.mustache}, which escapes every value, with the stylesheet inlined and the
 * chart drawn by {@link TimelineSvg}.
 */
public final class ReportHtml {

    private static final String CSS = resource("/report/drill-report.css");
    private static final Mustache TEMPLATE = new DefaultMustacheFactory("report").compile("drill-report.mustache");

    private ReportHtml() {
    }

    /** The report with clock times in the system's time zone. */
    public static String render(DrillResult result, List<LedgerEvent> events) {
        return render(result, events, ZoneId.systemDefault());
    }

    /** The report with clock times in {@code zone}; {@code events} are the run's ledgers merged, in any order. */
    public static String render(DrillResult result, List<LedgerEvent> events, ZoneId zone) {
        return render(ReportPage.of(result, events, zone));
    }

    /** The page as HTML. */
    static String render(ReportPage page) {
        StringWriter out = new StringWriter(64 * 1024);
        // two scopes: the page's text, which the template escapes, and markup it inserts as is ({{{css}}}, {{{svg}}})
        TEMPLATE.execute(out, List.of(page, Map.of("css", CSS, "svg", TimelineSvg.render(page.timeline()))));
        return out.toString();
    }

    private static String resource(String name) {
        try (InputStream in = ReportHtml.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + name + " (is broker-harness built?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read resource " + name, e);
        }
    }
}
