package io.github.artemishalab.harness.drill;

import io.github.artemishalab.harness.drill.Timeline.ClientFailover;
import io.github.artemishalab.harness.drill.Timeline.Restart;
import io.github.artemishalab.harness.drill.Timeline.RoleChange;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import javax.xml.stream.XMLOutputFactory;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamWriter;

/**
 * Draws a {@link Timeline} as inline SVG with the JDK's XML writer (which does the escaping): two lanes of bars,
 * fault windows shaded behind them, restarts, role changes and client failovers marked, labels stacked in rows so
 * that they never overlap.
 */
final class TimelineSvg {

    static final String SEND_COLOUR = "#2563eb";
    static final String RECV_COLOUR = "#0d9488";
    static final String FAULT_COLOUR = "#dc2626";

    private static final int WIDTH = 1000;
    private static final int LEFT = 64;
    private static final int RIGHT = 24;
    private static final int PLOT_W = WIDTH - LEFT - RIGHT;
    private static final int LANE_H = 120;
    private static final int ROW_H = 14;
    private static final int MAX_ROWS = 5;
    private static final double CHAR_W = 6.3;
    private static final String STYLE = "text{font:11px system-ui,\"DejaVu Sans\",sans-serif;fill:#374151}"
            + ".bucket-send{fill:" + SEND_COLOUR + "}.bucket-recv{fill:" + RECV_COLOUR + "}"
            + ".fault-window{fill:" + FAULT_COLOUR + ";fill-opacity:.13}"
            + ".split-brain{fill:#7f1d1d;fill-opacity:.22;stroke:#7f1d1d;stroke-dasharray:4 3}"
            + ".fault-edge{stroke:" + FAULT_COLOUR + ";stroke-width:1;stroke-opacity:.7}"
            + ".fault-label{fill:#b91c1c;font-weight:600}.restart-label{fill:#15803d}"
            + ".restart-mark{stroke:#15803d;stroke-width:1;stroke-dasharray:2 2}"
            + ".state-mark{stroke:#111827;stroke-width:1;stroke-opacity:.75}.state-label{fill:#111827}"
            + ".grid{stroke:#eef0f3;stroke-width:1}.axis{stroke:#9ca3af;stroke-width:1}.lane-title{font-weight:600}"
            + ".muted{fill:#6b7280}.failover-mark{stroke:#fff;stroke-width:.5}"
            + ".fo-detected{fill:#d97706}.fo-completed{fill:#7c3aed}.fo-failed{fill:#dc2626}";

    private record Mark(double x, String text, String cls) {
    }

    private record Label(double x, String text, String cls, boolean anchorEnd, int row) {
    }

    private final Timeline t;
    private final XMLStreamWriter w;

    private TimelineSvg(Timeline t, XMLStreamWriter w) {
        this.t = t;
        this.w = w;
    }

    /** The chart as an {@code <svg id="timeline">} element. */
    static String render(Timeline timeline) {
        StringWriter out = new StringWriter(64 * 1024);
        try {
            XMLStreamWriter w = XMLOutputFactory.newFactory().createXMLStreamWriter(out);
            new TimelineSvg(timeline, w).draw();
            w.flush();
        } catch (XMLStreamException e) {
            throw new IllegalStateException("cannot draw the timeline", e);
        }
        return out.toString();
    }

    private double x(long time) {
        return LEFT + (double) (time - t.t0()) * PLOT_W / t.span();
    }

    private String seconds(long time) {
        return ReportPage.number((time - t.t0()) / 1000.0);
    }

    private void draw() throws XMLStreamException {
        List<Label> labels = labels();
        int rows = labels.stream().filter(l -> !"state-quiet".equals(l.cls())).mapToInt(l -> l.row() + 1).max()
                .orElse(1);
        int legendY = 16;
        int stripTop = 30;
        int sendTitleY = stripTop + rows * ROW_H + 14;
        int sendTop = sendTitleY + 6;
        int recvTitleY = sendTop + LANE_H + 18;
        int recvTop = recvTitleY + 6;
        int foTop = recvTop + LANE_H + 6;
        int foBottom = foTop + 16;
        int axisY = foBottom + 4;
        int height = axisY + 40;

        w.writeStartElement("svg");
        attrs("id", "timeline", "role", "img", "aria-label", "confirmed sends and receipts per " + t.bucketMs()
                + " ms, faults and role changes", "width", WIDTH, "height", height, "viewBox",
                "0 0 " + WIDTH + " " + height);
        w.writeStartElement("style");
        w.writeCharacters(STYLE);
        w.writeEndElement();
        legend(legendY);
        axis(sendTop, foBottom, axisY);
        for (FaultWindow fw : t.windows()) {
            double x1 = x(fw.from());
            double x2 = Math.max(x(fw.to()), x1 + 1);
            w.writeStartElement("rect");
            attrs("class", "fault-window", "data-from-ms", fw.from() - t.t0(), "data-to-ms", fw.to() - t.t0(), "x",
                    num(x1), "y", sendTop, "width", num(x2 - x1), "height", foBottom - sendTop);
            title(fw.label() + ": " + seconds(fw.from()) + " s to " + (fw.open() ? "end of drill" : seconds(fw.to())
                    + " s"));
            w.writeEndElement();
        }
        for (Timeline.SplitBrain sb : t.splitBrains()) {
            double x1 = x(sb.from());
            w.writeStartElement("rect");
            attrs("class", "split-brain", "data-from-ms", sb.from() - t.t0(), "data-to-ms", sb.to() - t.t0(), "x",
                    num(x1), "y", sendTop, "width", num(Math.max(x(sb.to()), x1 + 1) - x1), "height",
                    foBottom - sendTop);
            title("split brain: " + String.join(" and ", sb.nodes()) + " active at once, " + seconds(sb.from())
                    + " s to " + seconds(sb.to()) + " s");
            w.writeEndElement();
        }
        lane(t.sends(), "bucket-send", "confirmed sends / " + t.bucketMs() + " ms", SEND_COLOUR, sendTitleY, sendTop);
        lane(t.receipts(), "bucket-recv", "receipts / " + t.bucketMs() + " ms", RECV_COLOUR, recvTitleY, recvTop);
        text("failover", "class", "muted", "x", LEFT - 6, "y", foTop + 12, "text-anchor", "end");
        for (ClientFailover f : t.failovers()) {
            String cls = switch (f.phase()) {
                case DETECTED -> "fo-detected";
                case COMPLETED -> "fo-completed";
                case FAILED -> "fo-failed";
            };
            w.writeStartElement("path");
            attrs("class", "failover-mark " + cls, "d", "M" + num(x(f.t()) - 5) + " " + (foTop + 2) + "h10l-5 10z");
            title((f.client() == null ? "client" : f.client()) + ": " + (f.kind() == null ? "" : f.kind()) + " at "
                    + seconds(f.t()) + " s");
            w.writeEndElement();
        }
        for (Label l : labels) {
            drawLabel(l, stripTop + l.row() * ROW_H + 10, sendTop, foBottom);
        }
        w.writeEndElement();
    }

    /** Annotations placed in rows: each label starts where the last one of its row ended. */
    private List<Label> labels() {
        List<Mark> marks = new ArrayList<>();
        for (FaultWindow fw : t.windows()) {
            marks.add(new Mark(x(fw.from()), fw.label(), "fault-label"));
        }
        for (Restart r : t.restarts()) {
            marks.add(new Mark(x(r.t()), join("start", r.node()), "restart-label"));
        }
        for (RoleChange c : t.changes()) {
            // Only a node becoming active is labelled; the many passing states (starting, backup, in sync) would
            // bury the picture in text. Every change still gets its line, and its title on hover.
            marks.add(new Mark(x(c.t()), join(c.node(), c.state()), c.activation() ? "state-label" : "state-quiet"));
        }
        marks.sort(Comparator.comparingDouble(Mark::x));
        double[] rowEnd = new double[MAX_ROWS];
        Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
        List<Label> labels = new ArrayList<>();
        for (Mark m : marks) {
            if ("state-quiet".equals(m.cls())) {
                labels.add(new Label(m.x(), m.text(), m.cls(), false, 0));
                continue;
            }
            double width = m.text().length() * CHAR_W + 6;
            boolean anchorEnd = m.x() + width > WIDTH - 4;
            double from = anchorEnd ? m.x() - width : m.x();
            int row = 0;
            while (row < MAX_ROWS && rowEnd[row] + 6 > from) {
                row++;
            }
            if (row == MAX_ROWS) {
                row = 0;
                for (int i = 1; i < MAX_ROWS; i++) {
                    row = rowEnd[i] < rowEnd[row] ? i : row;
                }
            }
            rowEnd[row] = Math.max(rowEnd[row], anchorEnd ? m.x() : m.x() + width);
            labels.add(new Label(m.x(), m.text(), m.cls(), anchorEnd, row));
        }
        return labels;
    }

    private void drawLabel(Label l, int y, int sendTop, int foBottom) throws XMLStreamException {
        String x = num(l.x());
        if ("state-quiet".equals(l.cls())) {
            w.writeStartElement("line");
            attrs("class", "state-mark", "x1", x, "y1", sendTop, "x2", x, "y2", foBottom);
            title(l.text());
            w.writeEndElement();
            return;
        }
        String lineCls = switch (l.cls()) {
            case "state-label" -> "state-mark";
            case "restart-label" -> "restart-mark";
            default -> "fault-edge";
        };
        int y2 = "state-label".equals(l.cls()) || "restart-label".equals(l.cls()) ? foBottom : sendTop;
        empty("line", "class", lineCls, "x1", x, "y1", y + 3, "x2", x, "y2", y2);
        if (l.anchorEnd()) {
            text(l.text(), "class", l.cls(), "x", num(l.x() - 3), "y", y, "text-anchor", "end");
        } else {
            text(l.text(), "class", l.cls(), "x", num(l.x() + 3), "y", y);
        }
    }

    private void axis(int top, int bottom, int axisY) throws XMLStreamException {
        double step = t.tickStep();
        w.writeStartElement("g");
        attrs("class", "x-axis");
        for (int i = 0; i * step <= t.span() / 1000.0 + 1e-9; i++) {
            double sec = i * step;
            String x = num(x(t.t0() + Math.round(sec * 1000)));
            empty("line", "class", "grid", "x1", x, "y1", top, "x2", x, "y2", bottom);
            empty("line", "class", "axis", "x1", x, "y1", axisY, "x2", x, "y2", axisY + 4);
            text(num(sec), "x", x, "y", axisY + 16, "text-anchor", "middle");
        }
        empty("line", "class", "axis", "x1", LEFT, "y1", axisY, "x2", WIDTH - RIGHT, "y2", axisY);
        text("seconds since drill start", "class", "muted", "x", LEFT + PLOT_W / 2, "y", axisY + 32, "text-anchor",
                "middle");
        w.writeEndElement();
    }

    private void lane(int[] counts, String cls, String title, String colour, int titleY, int top)
            throws XMLStreamException {
        int bottom = top + LANE_H;
        int yMax = t.yMax();
        text(title, "class", "lane-title", "x", LEFT, "y", titleY, "style", "fill:" + colour);
        for (int v : new int[] {0, yMax / 2, yMax}) {
            String y = num(bottom - (double) v * LANE_H / yMax);
            empty("line", "class", "grid", "x1", LEFT, "y1", y, "x2", WIDTH - RIGHT, "y2", y);
            text(Integer.toString(v), "class", "muted", "x", LEFT - 6, "y", num(bottom - (double) v * LANE_H / yMax + 4),
                    "text-anchor", "end");
        }
        w.writeStartElement("g");
        attrs("class", "series-" + cls.substring("bucket-".length()));
        double bucketPx = (double) t.bucketMs() * PLOT_W / t.span();
        // a hairline gap between wide bars keeps single buckets readable; narrow bars overlap a little, since
        // sub-pixel bars that merely touch are each anti-aliased alone and paint a striped, moire band
        double barW = bucketPx >= 4 ? bucketPx - 1 : bucketPx + 0.8;
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] == 0) {
                continue;
            }
            double h = (double) counts[i] * LANE_H / yMax;
            w.writeStartElement("rect");
            attrs("class", cls, "x", num(LEFT + i * bucketPx), "y", num(bottom - h), "width", num(barW), "height",
                    num(h));
            title(ReportPage.number(i * t.bucketMs() / 1000.0) + " s: " + counts[i]);
            w.writeEndElement();
        }
        w.writeEndElement();
        empty("line", "class", "axis", "x1", LEFT, "y1", bottom, "x2", WIDTH - RIGHT, "y2", bottom);
    }

    private void legend(int y) throws XMLStreamException {
        // inline styles, not the series' classes: the legend must not count as data
        double x = LEFT;
        empty("rect", "x", num(x), "y", y - 9, "width", 12, "height", 10, "style", "fill:" + SEND_COLOUR);
        x = swatchText(x, y, "confirmed sends");
        empty("rect", "x", num(x), "y", y - 9, "width", 12, "height", 10, "style", "fill:" + RECV_COLOUR);
        x = swatchText(x, y, "receipts");
        empty("rect", "x", num(x), "y", y - 9, "width", 12, "height", 10, "style", "fill:" + FAULT_COLOUR
                + ";fill-opacity:.25;stroke:" + FAULT_COLOUR);
        x = swatchText(x, y, "fault: node down, link cut");
        if (!t.splitBrains().isEmpty()) {
            empty("rect", "x", num(x), "y", y - 9, "width", 12, "height", 10, "style",
                    "fill:#7f1d1d;fill-opacity:.35;stroke:#7f1d1d");
            x = swatchText(x, y, "split brain");
        }
        empty("line", "x1", num(x + 6), "y1", y - 10, "x2", num(x + 6), "y2", y + 1, "style", "stroke:#111827");
        x = swatchText(x, y, "role change");
        empty("line", "x1", num(x + 6), "y1", y - 10, "x2", num(x + 6), "y2", y + 1, "class", "restart-mark");
        x = swatchText(x, y, "restart");
        for (String[] fo : new String[][] {{"fo-detected", "failure detected"}, {"fo-completed", "failover done"},
                {"fo-failed", "failover failed"}}) {
            empty("path", "class", fo[0], "d", "M" + num(x) + " " + (y - 9) + "h10l-5 10z");
            x = swatchText(x, y, fo[1]);
        }
    }

    private double swatchText(double x, int y, String text) throws XMLStreamException {
        text(text, "x", num(x + 16), "y", y);
        return x + 16 + text.length() * CHAR_W + 14;
    }

    private void attrs(Object... nameValues) throws XMLStreamException {
        for (int i = 0; i < nameValues.length; i += 2) {
            w.writeAttribute((String) nameValues[i], String.valueOf(nameValues[i + 1]));
        }
    }

    private void empty(String name, Object... nameValues) throws XMLStreamException {
        w.writeEmptyElement(name);
        attrs(nameValues);
    }

    private void text(String content, Object... nameValues) throws XMLStreamException {
        w.writeStartElement("text");
        attrs(nameValues);
        w.writeCharacters(content);
        w.writeEndElement();
    }

    private void title(String content) throws XMLStreamException {
        w.writeStartElement("title");
        w.writeCharacters(content);
        w.writeEndElement();
    }

    private static String num(double v) {
        return ReportPage.number(v);
    }

    private static String join(String a, String b) {
        return b == null || b.isEmpty() ? a : a + " " + b;
    }
}
