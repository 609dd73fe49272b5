package io.github.artemishalab.clients;

import java.nio.file.Path;

/**
 * What a sender or receiver connects to and how it records.
 *
 * @param url      the HA connection URL (all nodes, ha=true)
 * @param user     user name, or null
 * @param password password, or null
 * @param queue    the queue's name
 * @param delivery the delivery mode
 * @param ledger   the ledger file to append to
 * @param id       this client's id (a sender's id goes into every message and its duplicate-detection id)
 */
public record ClientConfig(String url, String user, String password, String queue, Delivery delivery, Path ledger,
                           String id) {

    /** A client id that no earlier run used, so that duplicate-detection ids never collide across runs. */
    public static String newId(String prefix) {
        return prefix + "-" + Long.toString(System.currentTimeMillis(), 36);
    }
}
