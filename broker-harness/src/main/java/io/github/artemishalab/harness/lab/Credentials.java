package io.github.artemishalab.harness.lab;

import java.security.SecureRandom;
import java.util.HexFormat;

/** A user name and password, generated per lab directory. */
@com.fasterxml.jackson.annotation.JsonPropertyOrder({"user", "password"})
public record Credentials(String user, String password) {

    private static final SecureRandom RANDOM = new SecureRandom();

    public static Credentials generate(String user) {
        byte[] b = new byte[9];
        RANDOM.nextBytes(b);
        return new Credentials(user, HexFormat.of().formatHex(b));
    }
}
