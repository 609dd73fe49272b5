package io.github.artemishalab.harness.cli;

import java.util.Iterator;
import java.util.List;

/** Completion candidates for a node name. Unknown names are rejected by the lab itself, with the names it has. */
final class NodeName implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        return List.of("primary", "backup").iterator();
    }
}
