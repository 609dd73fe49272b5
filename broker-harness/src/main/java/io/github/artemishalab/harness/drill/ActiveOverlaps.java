package io.github.artemishalab.harness.drill;

import io.github.artemishalab.clients.ledger.LedgerEvent;
import io.github.artemishalab.harness.lab.LabDirectory;
import io.github.artemishalab.harness.lab.NodeState;
import io.github.artemishalab.harness.node.StateJournal;
import io.github.artemishalab.harness.topology.NodeSpec;
import io.github.artemishalab.harness.topology.Topology;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Whether two brokers were ever active at the same instant, from the nodes' own state records ({@code states.jsonl},
 * written by each node the moment Artemis tells it), not from the lab's polling: no gap between two looks can hide an
 * overlap. A node killed while active stops being active at its kill, which only the fault ledger knows.
 *
 * @param changes  how many state changes the check read
 * @param overlaps every stretch of time two brokers were active together
 */
public record ActiveOverlaps(int changes, List<Overlap> overlaps) {

    /**
     * Two brokers active together from {@code from} to {@code to} (epoch ms).
     *
     * @param cutFromClients the one of them that no client could reach all that time (isolated, or partitioned from
     *                       the clients), or null when clients could reach both
     */
    public record Overlap(String first, String second, long from, long to, String cutFromClients) {
        public long millis() {
            return to - from;
        }
    }

    /** One stretch of a node being active, by its own record. */
    record Active(String node, long from, long to) {
    }

    public boolean none() {
        return overlaps.isEmpty();
    }

    /** The overlaps in which clients could reach both brokers: two active brokers could both take messages. */
    public List<Overlap> reachable() {
        return overlaps.stream().filter(o -> o.cutFromClients() == null).toList();
    }

    /**
     * Pair by pair: two active nodes of one pair is a split brain, two pairs' active nodes (a cluster of pairs) is the
     * design. A lab of one pair is read as it is.
     */
    static ActiveOverlaps readByPair(LabDirectory dir, Topology topology, List<LedgerEvent> events, long end) {
        int changes = 0;
        List<Overlap> found = new ArrayList<>();
        for (String group : topology.brokerGroups()) {
            ActiveOverlaps pair = read(dir, topology.group(group), events, end);
            changes += pair.changes();
            found.addAll(pair.overlaps());
        }
        return new ActiveOverlaps(changes, found);
    }

    /** Reads every broker's journal in {@code dir}; {@code faults} gives the kills; {@code end} ends an open stretch. */
    static ActiveOverlaps read(LabDirectory dir, List<NodeSpec> brokers, List<LedgerEvent> events, long end) {
        List<StateJournal.Entry> all = new ArrayList<>();
        for (NodeSpec b : brokers) {
            try {
                all.addAll(StateJournal.read(dir.nodeDir(b.name()).resolve(StateJournal.FILE)));
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        }
        List<LedgerEvent.Fault> faults = events.stream().filter(e -> e instanceof LedgerEvent.Fault)
                .map(e -> (LedgerEvent.Fault) e).toList();
        return of(all, faults, end);
    }

    static ActiveOverlaps of(List<StateJournal.Entry> entries, List<LedgerEvent.Fault> faults, long end) {
        List<LedgerEvent.Fault> kills = faults.stream().filter(f -> f.kind().equals("kill")).toList();
        List<Active> stretches = new ArrayList<>();
        for (String node : entries.stream().map(StateJournal.Entry::node).distinct().toList()) {
            List<StateJournal.Entry> mine = entries.stream().filter(e -> e.node().equals(node))
                    .sorted(Comparator.comparingLong(StateJournal.Entry::at)).toList();
            for (int i = 0; i < mine.size(); i++) {
                StateJournal.Entry e = mine.get(i);
                if (e.state() != NodeState.ACTIVE) {
                    continue;
                }
                long to = i + 1 < mine.size() ? mine.get(i + 1).at() : end;
                // a kill -9 leaves no record: the node's next record is its next run's first
                for (LedgerEvent.Fault k : kills) {
                    if (k.node().equals(node) && k.t() >= e.at() && k.t() < to) {
                        to = k.t();
                    }
                }
                stretches.add(new Active(node, e.at(), to));
            }
        }
        List<Overlap> overlaps = new ArrayList<>();
        for (int i = 0; i < stretches.size(); i++) {
            for (int j = i + 1; j < stretches.size(); j++) {
                Active a = stretches.get(i);
                Active b = stretches.get(j);
                long from = Math.max(a.from(), b.from());
                long to = Math.min(a.to(), b.to());
                if (!a.node().equals(b.node()) && from < to) {
                    String cut = cutFromClients(a.node(), from, to, faults) ? a.node()
                            : cutFromClients(b.node(), from, to, faults) ? b.node() : null;
                    overlaps.add(new Overlap(a.node(), b.node(), from, to, cut));
                }
            }
        }
        overlaps.sort(Comparator.comparingLong(Overlap::from));
        return new ActiveOverlaps(entries.size(), overlaps);
    }

    /**
     * Whether {@code node} was cut from the clients from {@code from} to {@code to}: isolated, or partitioned from the
     * clients, before {@code from}, and not healed before {@code to}.
     */
    static boolean cutFromClients(String node, long from, long to, List<LedgerEvent.Fault> faults) {
        Long cutAt = null;
        for (LedgerEvent.Fault f : faults.stream().sorted(Comparator.comparingLong(LedgerEvent.Fault::t)).toList()) {
            if (f.t() >= to) {
                break;
            }
            boolean cuts = f.kind().equals("isolate") && node.equals(f.node())
                    || f.kind().equals("partition") && sides(f.node(), node, "clients");
            boolean heals = f.kind().equals("heal") && (f.node().equals("all") || sides(f.node(), node, "clients"));
            if (cuts) {
                cutAt = f.t();
            } else if (heals) {
                cutAt = null;
            }
        }
        return cutAt != null && cutAt <= from;
    }

    private static boolean sides(String pair, String a, String b) {
        return pair.equals(a + "/" + b) || pair.equals(b + "/" + a);
    }
}
