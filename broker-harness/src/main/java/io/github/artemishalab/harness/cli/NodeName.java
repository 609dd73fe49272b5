package io.github.artemishalab.harness.cli;

import io.github.artemishalab.harness.topology.Mode;
import io.github.artemishalab.harness.topology.Topology;
import java.util.Iterator;

/** Completion candidates for a node name: the pair's. Unknown names are refused by the lab, with the names it has. */
final class NodeName implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return Topology.pair(Mode.REPLICATION, PairOptions.DEFAULT_BASE_PORT).names().iterator();
    }
}
