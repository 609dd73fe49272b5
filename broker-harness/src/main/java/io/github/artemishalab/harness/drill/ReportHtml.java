package io.github.artemishalab.harness.drill;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.clients.ledger.LedgerEvent.Failover;
import io.github.artemishalab.clients.ledger.LedgerEvent.Fault;
import io.github.artemishalab.clients.ledger.LedgerEvent.Recv;
import io.github.artemishalab.clients.ledger.LedgerEvent.Send;
import io.github.artemishalab.clients.ledger.LedgerEvent.State;
import io.github.artemishalab.clients.verify.ContinuityReport;
import io.github.artemishalab.harness.lab.Json;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Renders a drill as one self-contained HTML page: verdict, totals, a timeline chart (inline SVG drawn here, no
 * scripts, nothing fetched from the network), the rounds and the continuity report as JSON.
 */
public final class ReportHtml {

    /** The chart's bucket width; a very long drill gets wider buckets so the page stays small (see MAX_BUCKETS). */
    static final long BUCKET_MS = 100;
    /** Colour of the confirmed-sends series. */
    static final String SEND_COLOUR = "#2563eb";
    /** Colour of the receipts series. */
    static final String RECV_COLOUR = "#0d9488";
    static final String FAULT_COLOUR = "#dc2626";

    // 20,000 buckets of 100 ms is 33 minutes; beyond that a rect per bucket is far below a pixel anyway
    private static final int MAX_BUCKETS = 20_000;
    private static final DateTimeFormatter CLOCK = DateTimeFormatter.ofPattern("HH:mm:ss.SSS", Locale.ROOT);
    private static final DateTimeFormatter STARTED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss z", Locale.ROOT);
    private static final String CSS = resource("/report/drill-report.css");

    private ReportHtml() {
    }

    /** The report with clock times in the system's time zone. */
    public static String render(DrillResult result, List<LedgerEvent> events) {
        return render(result, events, ZoneId.systemDefault());
    }

    /** The report with clock times in {@code zone}; {@code events} are the run's ledgers merged, in any order. */
    public static String render(DrillResult result, List<LedgerEvent> events, ZoneId zone) {
        ContinuityReport continuity = result.continuity();
        StringBuilder out = new StringBuilder(64 * 1024);
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
                .append("<title>artemis-ha-lab drill: ").append(esc(result.mode())).append(", ")
                .append(esc(verdictLabel(result.verdict()))).append("</title>\n")
                .append("<style>\n").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");
        header(out, result, zone);
        totals(out, continuity);
        out.append("<section>\n<h2>Timeline</h2>\n<div class=\"chart\">\n");
        Timeline.of(result, events).svg(out);
        out.append("</div>\n</section>\n");
        rounds(out, result.rounds(), zone);
        out.append("<section>\n<h2>Continuity report</h2>\n<details>\n<summary>continuity JSON</summary>\n<pre>")
                .append(esc(json(continuity))).append("</pre>\n</details>\n</section>\n");
        out.append("<footer>seed ").append(result.seed()).append(" &middot; exit code ").append(result.exitCode())
                .append(" &middot; written by artemis-ha-lab</footer>\n</main>\n</body>\n</html>\n");
        return out.toString();
    }

    private static void header(StringBuilder out, DrillResult r, ZoneId zone) {
        out.append("<header class=\"head\">\n<div>\n<h1>artemis-ha-lab drill</h1>\n<dl class=\"facts\">\n");
        fact(out, "mode", r.mode());
        fact(out, "delivery", r.delivery());
        fact(out, "rate", number(r.rate()) + " msg/s");
        fact(out, "failback", r.failback() ? "on" : "off");
        fact(out, "started", STARTED.format(Instant.ofEpochMilli(r.startedAt()).atZone(zone)));
        fact(out, "duration", duration(r.endedAt() - r.startedAt()));
        fact(out, "pair start", r.pairStartMs() + " ms");
        fact(out, "rounds", Integer.toString(r.rounds() == null ? 0 : r.rounds().size()));
        out.append("</dl>\n</div>\n");
        String reason = r.continuity() != null ? r.continuity().reason() : r.note();
        out.append("<div class=\"verdict verdict-").append(verdictClass(r.verdict())).append("\">")
                .append("<span class=\"verdict-label\">").append(esc(verdictLabel(r.verdict()))).append("</span>")
                .append("<span class=\"verdict-reason\">").append(esc(reason == null ? "" : reason))
                .append("</span></div>\n</header>\n");
        if (r.note() != null && !r.note().isBlank() && r.continuity() != null) {
            out.append("<p class=\"note\">Drill ended early: ").append(esc(r.note())).append("</p>\n");
        }
    }

    private static void fact(StringBuilder out, String key, String value) {
        out.append("<div><dt>").append(esc(key)).append("</dt><dd>").append(esc(value == null ? "-" : value))
                .append("</dd></div>\n");
    }

    private static void totals(StringBuilder out, ContinuityReport c) {
        out.append("<section>\n<h2>Totals</h2>\n");
        if (c == null) {
            out.append("<p class=\"empty\">No continuity report: the ledgers were not verified.</p>\n</section>\n");
            return;
        }
        out.append("<div class=\"totals\">\n");
        total(out, "sent", c.sent(), null, null);
        total(out, "confirmed", c.confirmed(), null, null);
        total(out, "received", c.received(), null, null);
        total(out, "lost", c.lost(), null, c.lost() > 0 ? "bad" : null);
        total(out, "duplicated", c.duplicated(), null, c.duplicated() > 0 ? "warn" : null);
        total(out, "unknown outcome", c.unknownOutcome(), c.recovered() + " recovered", null);
        total(out, "out of order", c.outOfOrder(), null, c.outOfOrder() > 0 ? "warn" : null);
        total(out, "redeliveries absorbed", c.redeliveriesAbsorbed(), null, null);
        if (c.pending() > 0) {
            total(out, "pending", c.pending(), "not drained", "warn");
        }
        if (c.unexpected() > 0) {
            total(out, "unexpected", c.unexpected(), "never sent", "bad");
        }
        out.append("</div>\n</section>\n");
    }

    private static void total(StringBuilder out, String key, int n, String sub, String tone) {
        out.append("<div class=\"total").append(tone == null ? "" : " " + tone).append("\"><span class=\"n\">")
                .append(n).append("</span><span class=\"k\">").append(esc(key)).append("</span>");
        if (sub != null) {
            out.append("<span class=\"sub\">").append(esc(sub)).append("</span>");
        }
        out.append("</div>\n");
    }

    private static void rounds(StringBuilder out, List<RoundResult> rounds, ZoneId zone) {
        out.append("<section>\n<h2>Rounds</h2>\n");
        if (rounds == null || rounds.isEmpty()) {
            out.append("<p class=\"empty\">No rounds ran.</p>\n</section>\n");
            return;
        }
        out.append("<table class=\"rounds\">\n<thead><tr><th>round</th><th>fault</th><th>node</th><th>at</th>")
                .append("<th class=\"num\">takeover (ms)</th><th class=\"num\">send outage (ms)</th>")
                .append("<th class=\"num\">receive outage (ms)</th><th class=\"num\">failback (ms)</th>")
                .append("<th class=\"num\">failback client gap (ms)</th></tr></thead>\n<tbody>\n");
        for (RoundResult r : rounds) {
            out.append("<tr class=\"round\"><td>").append(r.round()).append("</td><td>")
                    .append(esc(r.fault() == null ? "-" : r.fault().id())).append("</td><td>")
                    .append(esc(r.node() == null ? "-" : r.node())).append("</td><td>")
                    .append(CLOCK.format(Instant.ofEpochMilli(r.at()).atZone(zone))).append("</td>");
            cell(out, r.takeoverMs());
            cell(out, r.sendGapMs());
            cell(out, r.receiveGapMs());
            cell(out, r.failbackMs());
            cell(out, clientGap(r.failbackSendGapMs(), r.failbackReceiveGapMs()));
            out.append("</tr>\n");
        }
        out.append("</tbody>\n</table>\n</section>\n");
    }

    /** The client-visible failback gap is the worse of the send and receive gaps. */
    private static Long clientGap(Long send, Long recv) {
        if (send == null) {
            return recv;
        }
        return recv == null ? send : Math.max(send, recv);
    }

    private static void cell(StringBuilder out, Long ms) {
        out.append("<td class=\"num\">").append(ms == null ? "-" : ms.toString()).append("</td>");
    }

    private static String json(ContinuityReport continuity) {
        try {
            return Json.MAPPER.writeValueAsString(continuity);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException("cannot write the continuity report as JSON", e);
        }
    }

    private static String verdictClass(String verdict) {
        return switch (verdict == null ? "" : verdict) {
            case "ok", "violated", "unknown", "lab-failed" -> verdict;
            default -> "lab-failed";
        };
    }

    private static String verdictLabel(String verdict) {
        return verdict == null ? "NO VERDICT" : verdict.replace('-', ' ').toUpperCase(Locale.ROOT);
    }

    static String duration(long ms) {
        if (ms < 0) {
            return "-";
        }
        if (ms < 60_000) {
            return number(ms / 1000.0) + " s";
        }
        long s = ms / 1000;
        if (s < 3600) {
            return String.format(Locale.ROOT, "%d min %02d s", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%d h %02d min", s / 3600, (s % 3600) / 60);
    }

    /** HTML-escapes text for element content and quoted attribute values alike. */
    static String esc(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder b = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            String rep = switch (c) {
                case '&' -> "&amp;";
                case '<' -> "&lt;";
                case '>' -> "&gt;";
                case '"' -> "&quot;";
                case '\'' -> "&#39;";
                default -> null;
            };
            if (rep != null && b == null) {
                b = new StringBuilder(s.length() + 16).append(s, 0, i);
            }
            if (b != null) {
                if (rep != null) {
                    b.append(rep);
                } else {
                    b.append(c);
                }
            }
        }
        return b == null ? s : b.toString();
    }

    /** A number with at most one decimal, without String.format: the chart writes thousands of them. */
    static String number(double v) {
        long tenths = Math.round(v * 10);
        long whole = Math.abs(tenths) / 10;
        long frac = Math.abs(tenths) % 10;
        String sign = tenths < 0 ? "-" : "";
        return frac == 0 ? sign + whole : sign + whole + "." + frac;
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

    /** The chart's data: counts per bucket from one pass over the events, plus the few marks to draw. */
    private static final class Timeline {

        private static final int WIDTH = 1000;
        private static final int LEFT = 64;
        private static final int RIGHT = 24;
        private static final int PLOT_W = WIDTH - LEFT - RIGHT;
        private static final int LANE_H = 120;
        private static final int ROW_H = 14;
        private static final int MAX_ROWS = 5;
        private static final double CHAR_W = 6.3;

        private final long t0;
        private final long span;
        private final long bucketMs;
        private final int[] sends;
        private final int[] recvs;
        private final List<Window> windows;
        private final List<State> states;
        private final List<Failover> failovers;
        private final List<Fault> restarts;

        private record Window(long from, long to, String label, boolean open) {
        }

        private record Mark(double x, String text, String cls) {
        }

        private record Label(double x, String text, String cls, boolean anchorEnd, int row) {
        }

        private Timeline(long t0, long span, long bucketMs, int[] sends, int[] recvs, List<Window> windows,
                         List<State> states, List<Failover> failovers, List<Fault> restarts) {
            this.t0 = t0;
            this.span = span;
            this.bucketMs = bucketMs;
            this.sends = sends;
            this.recvs = recvs;
            this.windows = windows;
            this.states = states;
            this.failovers = failovers;
            this.restarts = restarts;
        }

        static Timeline of(DrillResult result, List<LedgerEvent> events) {
            long first = Long.MAX_VALUE;
            long last = Long.MIN_VALUE;
            for (LedgerEvent e : events) {
                first = Math.min(first, e.t());
                last = Math.max(last, e.t());
            }
            long t0;
            long end;
            if (events.isEmpty()) {
                t0 = result.startedAt();
                end = result.endedAt();
            } else {
                // a missing or implausible start time must not stretch the chart back to 1970
                t0 = result.startedAt() > 0 ? Math.min(result.startedAt(), first) : first;
                end = Math.max(result.endedAt(), last);
            }
            long span = Math.max(end - t0, 1000);
            long bucketMs = BUCKET_MS;
            if (span / bucketMs + 1 > MAX_BUCKETS) {
                bucketMs = (span / MAX_BUCKETS / BUCKET_MS + 1) * BUCKET_MS;
            }
            int n = (int) (span / bucketMs) + 1;
            int[] sends = new int[n];
            int[] recvs = new int[n];
            List<Fault> faults = new ArrayList<>();
            List<State> states = new ArrayList<>();
            List<Failover> failovers = new ArrayList<>();
            for (LedgerEvent e : events) {
                if (e instanceof Send send && send.confirmed()) {
                    sends[bucket(e.t(), t0, bucketMs, n)]++;
                } else if (e instanceof Recv) {
                    recvs[bucket(e.t(), t0, bucketMs, n)]++;
                } else if (e instanceof Fault f) {
                    faults.add(f);
                } else if (e instanceof State st) {
                    states.add(st);
                } else if (e instanceof Failover fo) {
                    failovers.add(fo);
                }
            }
            faults.sort(Comparator.comparingLong(Fault::t));
            states.sort(Comparator.comparingLong(State::t));
            failovers.sort(Comparator.comparingLong(Failover::t));
            List<Window> windows = new ArrayList<>();
            List<Fault> restarts = new ArrayList<>();
            Map<String, Fault> down = new HashMap<>();
            for (Fault f : faults) {
                String node = f.node() == null ? "" : f.node();
                if ("kill".equals(f.kind()) || "stop".equals(f.kind())) {
                    down.putIfAbsent(node, f);
                } else if ("start".equals(f.kind())) {
                    restarts.add(f);
                    Fault from = down.remove(node);
                    if (from != null) {
                        windows.add(new Window(from.t(), f.t(), label(from.kind(), from.node()), false));
                    }
                }
            }
            for (Fault from : down.values()) {
                windows.add(new Window(from.t(), t0 + span, label(from.kind(), from.node()), true));
            }
            windows.sort(Comparator.comparingLong(Window::from));
            return new Timeline(t0, span, bucketMs, sends, recvs, windows, states, failovers, restarts);
        }

        private static int bucket(long t, long t0, long bucketMs, int n) {
            return (int) Math.min(n - 1, Math.max(0, (t - t0) / bucketMs));
        }

        private static String label(String a, String b) {
            return b == null || b.isEmpty() ? a : a + " " + b;
        }

        private double x(long t) {
            return LEFT + (double) (t - t0) * PLOT_W / span;
        }

        void svg(StringBuilder out) {
            // annotations first: their rows decide how tall the strip above the lanes is
            List<Label> labels = new ArrayList<>();
            List<Mark> marks = new ArrayList<>();
            for (Window w : windows) {
                marks.add(new Mark(x(w.from()), w.label(), "fault-label"));
            }
            for (Fault r : restarts) {
                marks.add(new Mark(x(r.t()), label("start", r.node()), "restart-label"));
            }
            for (State s : states) {
                // Only a node becoming active is labelled; the many passing states (starting, backup, in sync) would
                // bury the picture in text. Every change still gets its line, and its title on hover.
                marks.add(new Mark(x(s.t()), label(s.node(), s.kind()),
                        "active".equals(s.kind()) ? "state-label" : "state-quiet"));
            }
            marks.sort(Comparator.comparingDouble(Mark::x));
            double[] rowEnd = new double[MAX_ROWS];
            Arrays.fill(rowEnd, Double.NEGATIVE_INFINITY);
            int rows = 1;
            for (Mark m : marks) {
                double x = m.x();
                String text = m.text();
                if ("state-quiet".equals(m.cls())) {
                    labels.add(new Label(x, text, m.cls(), false, 0));
                    continue;
                }
                double w = text.length() * CHAR_W + 6;
                boolean anchorEnd = x + w > WIDTH - 4;
                double from = anchorEnd ? x - w : x;
                double to = anchorEnd ? x : x + w;
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
                rowEnd[row] = Math.max(rowEnd[row], to);
                rows = Math.max(rows, row + 1);
                labels.add(new Label(x, text, m.cls(), anchorEnd, row));
            }

            int legendY = 16;
            int stripTop = 30;
            int sendTitleY = stripTop + rows * ROW_H + 14;
            int sendTop = sendTitleY + 6;
            int sendBottom = sendTop + LANE_H;
            int recvTitleY = sendBottom + 18;
            int recvTop = recvTitleY + 6;
            int recvBottom = recvTop + LANE_H;
            int foTop = recvBottom + 6;
            int foBottom = foTop + 16;
            int axisY = foBottom + 4;
            int height = axisY + 40;

            int max = 1;
            for (int i = 0; i < sends.length; i++) {
                max = Math.max(max, Math.max(sends[i], recvs[i]));
            }
            int yMax = niceCeil(max);

            out.append("<svg id=\"timeline\" role=\"img\" aria-label=\"confirmed sends and receipts per ")
                    .append(bucketMs).append(" ms, faults and role changes\" width=\"").append(WIDTH)
                    .append("\" height=\"").append(height).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ')
                    .append(height).append("\">\n<style>")
                    .append("text{font:11px system-ui,\"DejaVu Sans\",sans-serif;fill:#374151}")
                    .append(".bucket-send{fill:").append(SEND_COLOUR).append("}")
                    .append(".bucket-recv{fill:").append(RECV_COLOUR).append("}")
                    .append(".fault-window{fill:").append(FAULT_COLOUR).append(";fill-opacity:.13}")
                    .append(".fault-edge{stroke:").append(FAULT_COLOUR).append(";stroke-width:1;stroke-opacity:.7}")
                    .append(".fault-label{fill:#b91c1c;font-weight:600}")
                    .append(".restart-label{fill:#15803d}")
                    .append(".restart-mark{stroke:#15803d;stroke-width:1;stroke-dasharray:2 2}")
                    .append(".state-mark{stroke:#111827;stroke-width:1;stroke-opacity:.75}")
                    .append(".state-label{fill:#111827}")
                    .append(".grid{stroke:#eef0f3;stroke-width:1}")
                    .append(".axis{stroke:#9ca3af;stroke-width:1}")
                    .append(".lane-title{font-weight:600}")
                    .append(".muted{fill:#6b7280}")
                    .append(".failover-mark{stroke:#fff;stroke-width:.5}")
                    .append(".fo-detected{fill:#d97706}.fo-completed{fill:#7c3aed}.fo-failed{fill:#dc2626}")
                    .append("</style>\n");

            legend(out, legendY);

            // grid and x ticks
            double step = tickStep(span / 1000.0);
            out.append("<g class=\"x-axis\">\n");
            for (int i = 0; i * step <= span / 1000.0 + 1e-9; i++) {
                double sec = i * step;
                double x = x(t0 + Math.round(sec * 1000));
                out.append("<line class=\"grid\" x1=\"").append(number(x)).append("\" y1=\"").append(sendTop)
                        .append("\" x2=\"").append(number(x)).append("\" y2=\"").append(foBottom).append("\"/>")
                        .append("<line class=\"axis\" x1=\"").append(number(x)).append("\" y1=\"").append(axisY)
                        .append("\" x2=\"").append(number(x)).append("\" y2=\"").append(axisY + 4).append("\"/>")
                        .append("<text x=\"").append(number(x)).append("\" y=\"").append(axisY + 16)
                        .append("\" text-anchor=\"middle\">").append(number(sec)).append("</text>\n");
            }
            out.append("<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(axisY).append("\" x2=\"")
                    .append(WIDTH - RIGHT).append("\" y2=\"").append(axisY).append("\"/>\n")
                    .append("<text class=\"muted\" x=\"").append(LEFT + PLOT_W / 2).append("\" y=\"")
                    .append(axisY + 32).append("\" text-anchor=\"middle\">seconds since drill start</text>\n</g>\n");

            // fault windows behind the bars
            for (Window w : windows) {
                double x1 = x(w.from());
                double x2 = Math.max(x(w.to()), x1 + 1);
                out.append("<rect class=\"fault-window\" data-from-ms=\"").append(w.from() - t0)
                        .append("\" data-to-ms=\"").append(w.to() - t0).append("\" x=\"").append(number(x1))
                        .append("\" y=\"").append(sendTop).append("\" width=\"").append(number(x2 - x1))
                        .append("\" height=\"").append(foBottom - sendTop).append("\"><title>")
                        .append(esc(w.label())).append(": ").append(number((w.from() - t0) / 1000.0)).append(" s to ")
                        .append(w.open() ? "end of drill" : number((w.to() - t0) / 1000.0) + " s")
                        .append("</title></rect>\n");
            }

            lane(out, sends, "bucket-send", "confirmed sends / " + bucketMs + " ms", SEND_COLOUR, sendTitleY, sendTop,
                    yMax);
            lane(out, recvs, "bucket-recv", "receipts / " + bucketMs + " ms", RECV_COLOUR, recvTitleY, recvTop, yMax);

            // failover markers from the clients
            out.append("<text class=\"muted\" x=\"").append(LEFT - 6).append("\" y=\"").append(foTop + 12)
                    .append("\" text-anchor=\"end\">failover</text>\n");
            for (Failover f : failovers) {
                double x = x(f.t());
                String kind = f.kind() == null ? "" : f.kind();
                String cls = switch (kind) {
                    case "FAILURE_DETECTED" -> "fo-detected";
                    case "FAILOVER_COMPLETED" -> "fo-completed";
                    default -> "fo-failed";
                };
                out.append("<path class=\"failover-mark ").append(cls).append("\" d=\"M").append(number(x - 5))
                        .append(' ').append(foTop + 2).append("h10l-5 10z\"><title>")
                        .append(esc(f.client() == null ? "client" : f.client())).append(": ").append(esc(kind))
                        .append(" at ").append(number((f.t() - t0) / 1000.0)).append(" s</title></path>\n");
            }

            // labels, with a connector down to the plot for each
            for (Label l : labels) {
                int y = stripTop + l.row() * ROW_H + 10;
                String x = number(l.x());
                if ("state-quiet".equals(l.cls())) {
                    out.append("<line class=\"state-mark\" x1=\"").append(x).append("\" y1=\"").append(sendTop)
                            .append("\" x2=\"").append(x).append("\" y2=\"").append(foBottom).append("\"><title>")
                            .append(esc(l.text())).append("</title></line>\n");
                    continue;
                }
                String lineCls = switch (l.cls()) {
                    case "state-label" -> "state-mark";
                    case "restart-label" -> "restart-mark";
                    default -> "fault-edge";
                };
                int y2 = "state-label".equals(l.cls()) || "restart-label".equals(l.cls()) ? foBottom : sendTop;
                out.append("<line class=\"").append(lineCls).append("\" x1=\"").append(x).append("\" y1=\"")
                        .append(y + 3).append("\" x2=\"").append(x).append("\" y2=\"").append(y2).append("\"/>")
                        .append("<text class=\"").append(l.cls()).append("\" x=\"")
                        .append(number(l.anchorEnd() ? l.x() - 3 : l.x() + 3)).append("\" y=\"").append(y)
                        .append(l.anchorEnd() ? "\" text-anchor=\"end\">" : "\">").append(esc(l.text()))
                        .append("</text>\n");
            }
            out.append("</svg>\n");
        }

        private void lane(StringBuilder out, int[] counts, String cls, String title, String colour, int titleY,
                          int top, int yMax) {
            int bottom = top + LANE_H;
            out.append("<text class=\"lane-title\" x=\"").append(LEFT).append("\" y=\"").append(titleY)
                    .append("\" style=\"fill:").append(colour).append("\">").append(esc(title)).append("</text>\n");
            for (int v : new int[] {0, yMax / 2, yMax}) {
                double y = bottom - (double) v * LANE_H / yMax;
                out.append("<line class=\"grid\" x1=\"").append(LEFT).append("\" y1=\"").append(number(y))
                        .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(number(y)).append("\"/>")
                        .append("<text class=\"muted\" x=\"").append(LEFT - 6).append("\" y=\"")
                        .append(number(y + 4)).append("\" text-anchor=\"end\">").append(v).append("</text>\n");
            }
            out.append("<g class=\"series-").append(cls.substring("bucket-".length())).append("\">\n");
            double bucketPx = (double) bucketMs * PLOT_W / span;
            // a hairline gap between wide bars keeps single buckets readable; narrow bars overlap a little, since
            // sub-pixel bars that merely touch are each anti-aliased alone and paint a striped, moire band
            double barW = bucketPx >= 4 ? bucketPx - 1 : bucketPx + 0.8;
            for (int i = 0; i < counts.length; i++) {
                int c = counts[i];
                if (c == 0) {
                    continue;
                }
                double h = (double) c * LANE_H / yMax;
                out.append("<rect class=\"").append(cls).append("\" x=\"")
                        .append(number(LEFT + i * bucketPx)).append("\" y=\"").append(number(bottom - h))
                        .append("\" width=\"").append(number(barW)).append("\" height=\"").append(number(h))
                        .append("\"><title>").append(number(i * bucketMs / 1000.0)).append(" s: ").append(c)
                        .append("</title></rect>\n");
            }
            out.append("</g>\n<line class=\"axis\" x1=\"").append(LEFT).append("\" y1=\"").append(bottom)
                    .append("\" x2=\"").append(WIDTH - RIGHT).append("\" y2=\"").append(bottom).append("\"/>\n");
        }

        private static void legend(StringBuilder out, int y) {
            // inline styles, not the series' classes: the legend must not count as data
            double x = LEFT;
            x = swatch(out, x, y, "<rect x=\"%s\" y=\"" + (y - 9) + "\" width=\"12\" height=\"10\" style=\"fill:"
                    + SEND_COLOUR + "\"/>", "confirmed sends");
            x = swatch(out, x, y, "<rect x=\"%s\" y=\"" + (y - 9) + "\" width=\"12\" height=\"10\" style=\"fill:"
                    + RECV_COLOUR + "\"/>", "receipts");
            x = swatch(out, x, y, "<rect x=\"%s\" y=\"" + (y - 9) + "\" width=\"12\" height=\"10\" "
                    + "style=\"fill:" + FAULT_COLOUR + ";fill-opacity:.25;stroke:" + FAULT_COLOUR + "\"/>",
                    "fault: node down");
            x = swatch(out, x, y, "<line x1=\"%s\" y1=\"" + (y - 10) + "\" x2=\"%<s\" y2=\"" + (y + 1)
                    + "\" style=\"stroke:#111827\" transform=\"translate(6 0)\"/>", "role change");
            x = swatch(out, x, y, "<line x1=\"%s\" y1=\"" + (y - 10) + "\" x2=\"%<s\" y2=\"" + (y + 1)
                    + "\" class=\"restart-mark\" transform=\"translate(6 0)\"/>", "restart");
            x = swatch(out, x, y, "<path class=\"fo-detected\" d=\"M%s " + (y - 9) + "h10l-5 10z\"/>",
                    "failure detected");
            x = swatch(out, x, y, "<path class=\"fo-completed\" d=\"M%s " + (y - 9) + "h10l-5 10z\"/>",
                    "failover done");
            swatch(out, x, y, "<path class=\"fo-failed\" d=\"M%s " + (y - 9) + "h10l-5 10z\"/>", "failover failed");
        }

        private static double swatch(StringBuilder out, double x, int y, String shape, String text) {
            out.append(String.format(Locale.ROOT, shape, number(x))).append("<text x=\"").append(number(x + 16))
                    .append("\" y=\"").append(y).append("\">").append(esc(text)).append("</text>\n");
            return x + 16 + text.length() * CHAR_W + 14;
        }

        /** The smallest of 1, 2, 3, 4, 5, 6 or 8 times a power of ten that is at least {@code v}. */
        static int niceCeil(int v) {
            int p = 1;
            while (true) {
                for (int m : new int[] {1, 2, 3, 4, 5, 6, 8}) {
                    if (m * p >= v) {
                        return m * p;
                    }
                }
                p *= 10;
            }
        }

        /** Seconds between x ticks so that the axis has at most about twelve. */
        static double tickStep(double spanSeconds) {
            for (double s : new double[] {0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800, 3600}) {
                if (spanSeconds / s <= 12) {
                    return s;
                }
            }
            return 7200;
        }
    }
}
