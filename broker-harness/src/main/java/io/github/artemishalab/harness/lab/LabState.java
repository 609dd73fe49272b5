package io.github.artemishalab.harness.lab;

import io.github.artemishalab.harness.topology.Topology;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * Every node of a lab at one moment, with the topology they belong to: what a {@link Condition} is tested on.
 *
 * @param topology the lab's shape
 * @param nodes    each node's state now, in topology order
 */
public record LabState(Topology topology, List<Node> nodes) {

    public LabState {
        nodes = List.copyOf(nodes);
    }

    public Node node(String name) {
        topology.node(name);
        return nodes.stream().filter(n -> n.name().equals(name)).findFirst().orElseThrow();
    }

    public Map<String, Node> byName() {
        Map<String, Node> m = new LinkedHashMap<>();
        nodes.forEach(n -> m.put(n.name(), n));
        return m;
    }

    public List<Node> group(String group) {
        topology.group(group);
        return nodes.stream().filter(n -> n.group().equals(group)).toList();
    }

    public List<Node> active() {
        return nodes.stream().filter(Node::isActive).toList();
    }

    /** In every group one node active, every other one a ready backup. */
    public boolean ready() {
        return topology.ready(byName());
    }

    /** "primary active, backup stopped": for messages. */
    public String describe() {
        return nodes.stream().map(n -> n.name() + " " + n.state()).collect(Collectors.joining(", "));
    }
}
