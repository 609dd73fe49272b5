package io.github.artemishalab.harness.node;

import io.github.artemishalab.harness.lab.NodeState;
import java.io.File;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.LocalTime;
import java.time.format.DateTimeFormatter;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

/**
 * A user's commands run when the node becomes active or a backup: the "ensure-active" and "ensure-passive" scripts
 * of active/passive daemons (move a virtual IP, start a consumer, page someone). Each runs through {@code sh -c} on
 * a thread of its own, so the broker never waits for it; its output goes to the node's log; one that fails or
 * outlives {@link #TIMEOUT} is reported in {@code status}, never more.
 * <p>
 * The command sees {@code LAB_NODE} (the node's name), {@code LAB_ROLE} ({@code active} or {@code backup}),
 * {@code LAB_STATE} (the node's state, e.g. {@code backup-in-sync}) and {@code LAB_URL} (where clients reach the
 * node), and none of the cluster's credentials.
 */
public final class RoleHooks {

    /** How long a hook may run before the node kills it and reports it failed. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("HH:mm:ss");

    private final String node;
    private final String onActive;
    private final String onBackup;
    private final String clientUrl;
    private final PrintWriter out;
    private final ExecutorService runner = Executors.newSingleThreadExecutor(r -> {
        Thread t = new Thread(r, "lab-role-hooks");
        t.setDaemon(true);
        return t;
    });
    private volatile String failure;
    private String lastRole;

    /** Hooks of node {@code node}; a {@code null} command is no hook. */
    public RoleHooks(String node, String onActive, String onBackup, String clientUrl, PrintWriter out) {
        this.node = node;
        this.onActive = blankToNull(onActive);
        this.onBackup = blankToNull(onBackup);
        this.clientUrl = clientUrl;
        this.out = out;
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    /** The last failure ("on-active exited 3 at 10:02:03"), or {@code null} while every hook succeeded. */
    public String failure() {
        return failure;
    }

    /** Tells the hooks the node's new state: runs one when the node becomes active, or becomes a backup. */
    public synchronized void changed(NodeState state) {
        String role = state == NodeState.ACTIVE ? "active" : state.isBackup() ? "backup" : null;
        if (role == null || role.equals(lastRole)) {
            if (role == null && state != NodeState.STARTING) {
                lastRole = null;
            }
            return;
        }
        lastRole = role;
        String command = role.equals("active") ? onActive : onBackup;
        if (command != null) {
            runner.submit(() -> run("on-" + role, command, role, state));
        }
    }

    private void run(String hook, String command, String role, NodeState state) {
        log("[lab] node " + node + ": " + hook + " hook: " + command);
        try {
            ProcessBuilder pb = new ProcessBuilder("sh", "-c", command);
            Map<String, String> env = pb.environment();
            Map<String, String> wanted = environment(System.getenv(), role, state);
            env.clear();
            env.putAll(wanted);
            // the node's own output is its log file: the hook's lines land among the broker's
            pb.redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.INHERIT)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            Process p = pb.start();
            if (!p.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                p.destroyForcibly();
                fail(hook + " still ran after " + TIMEOUT.toSeconds() + " s and was killed");
            } else if (p.exitValue() != 0) {
                fail(hook + " exited " + p.exitValue());
            } else {
                log("[lab] node " + node + ": " + hook + " hook done");
            }
        } catch (java.io.IOException e) {
            fail(hook + " could not run: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The hook's environment: the node's own, without the cluster's credentials or the TLS password, and the role. */
    Map<String, String> environment(Map<String, String> inherited, String role, NodeState state) {
        Map<String, String> env = new java.util.HashMap<>(inherited);
        env.keySet().removeIf(k -> k.startsWith("LAB_CLUSTER_") || k.equals("LAB_TLS_PASSWORD"));
        env.put("LAB_NODE", node);
        env.put("LAB_ROLE", role);
        env.put("LAB_STATE", state.id());
        env.put("LAB_URL", clientUrl == null ? "" : clientUrl);
        return env;
    }

    private void fail(String what) {
        failure = what + " at " + LocalTime.now().format(TIME);
        log("[lab] node " + node + ": " + failure + " (the broker carries on)");
    }

    private void log(String line) {
        synchronized (out) {
            out.println(line);
            out.flush();
        }
    }
}
