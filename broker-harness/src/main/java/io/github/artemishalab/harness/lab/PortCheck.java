package io.github.artemishalab.harness.lab;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;

/** Tells a busy port before a broker would start without its acceptor. */
public final class PortCheck {

    private PortCheck() {
    }

    public static boolean isFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    /** Throws a one-line error that names the port and who wanted it. */
    public static void requireFree(String host, int port, String who) {
        if (!isFree(host, port)) {
            throw new LabException(LabException.USAGE, "port " + port + " on " + host + " (" + who
                    + ") is already in use: stop what holds it, or choose another --base-port");
        }
    }

    /** A port that is free now, for tests and for {@code --base-port 0}. */
    public static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new LabException("no free port: " + e.getMessage());
        }
    }
}
