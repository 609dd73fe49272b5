package io.github.artemishalab.harness.drill;

import io.github.artemishalab.harness.lab.LabException;
import io.github.artemishalab.harness.topology.Mode;
import java.util.Arrays;
import java.util.List;

/**
 * Which drill faults each mode takes, and the one-line refusal of those it does not. The lists in the messages are
 * computed from the same rule that refuses, so they cannot drift from it.
 */
public final class ModeFaults {

    /** Why a cluster of pairs does not take the cuts of a cluster's members. */
    static final String NOT_OVER_PAIRS = "a cut of a pair's active node gives that pair a split brain (its backup wins "
            + "the other primaries' vote), which a cluster round does not settle: cut it by hand, ./lab isolate "
            + "primary1";

    private ModeFaults() {
    }

    /** Whether a drill in {@code mode} can inject {@code fault}. */
    public static boolean takes(Mode mode, FaultKind fault) {
        if (fault.quorum()) {
            return mode.quorum();
        }
        if (fault.clusterOnly()) {
            // a cut cannot split a shared-store pair: its journal's lock, not the network, says who is active
            return mode == Mode.CLUSTER || mode == Mode.CLUSTER_OF_SHARED_STORE_PAIRS;
        }
        if (mode.cluster()) {
            // a cluster has no single active node to cut: its members are cut by the -any faults
            return !fault.network() && !(fault == FaultKind.KILL_BACKUP && mode == Mode.CLUSTER);
        }
        return true;
    }

    /** The faults a drill in {@code mode} takes, in their declared order. */
    public static List<FaultKind> of(Mode mode) {
        return Arrays.stream(FaultKind.values()).filter(f -> takes(mode, f)).toList();
    }

    /** Throws a usage error naming the faults {@code mode} does not take and the ones it does. */
    static void check(Mode mode, List<FaultKind> faults) {
        List<FaultKind> refused = faults.stream().filter(f -> !takes(mode, f)).distinct().toList();
        if (refused.isEmpty()) {
            return;
        }
        if (refused.stream().anyMatch(FaultKind::quorum)) {
            throw new LabException(LabException.USAGE, "ZooKeeper faults (" + names(refused.stream()
                    .filter(FaultKind::quorum).toList()) + ") need --mode replication-zk");
        }
        // a pair's faults first: they are refused by every cluster, whatever else the list holds
        List<FaultKind> ofPair = refused.stream().filter(f -> !f.clusterOnly()).toList();
        List<FaultKind> shown = ofPair.isEmpty() ? refused : ofPair;
        String what = names(shown) + (shown.size() == 1 ? " is a fault" : " are faults");
        String why = !ofPair.isEmpty() ? what + " of a pair"
                : mode.clusterOfPairs() ? what + " of --mode cluster and cluster-of-shared-store-pairs: "
                + NOT_OVER_PAIRS
                : what + " of a cluster (--mode cluster or cluster-of-shared-store-pairs)";
        throw new LabException(LabException.USAGE, why + "; a " + mode.id() + " drill takes "
                + and(of(mode).stream().map(FaultKind::id).toList()));
    }

    private static String names(List<FaultKind> faults) {
        return and(faults.stream().map(FaultKind::id).toList());
    }

    /** "a", "a and b", "a, b and c". */
    static String and(List<String> parts) {
        return parts.size() <= 1 ? String.join("", parts)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
    }
}
