package io.github.artemishalab.harness.tls;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A lab directory's TLS material in {@code tls/}: the lab's own CA ({@code ca.p12}), the truststore everyone uses
 * ({@code truststore.p12}, the CA's certificate), and a PKCS12 keystore per node and one for the clients
 * ({@code <name>.p12}). The folder is its owner's only (0700), every file in it too (0600).
 */
public final class LabTls {

    /** The keystore the lab's clients present under {@code --client-auth}. */
    public static final String CLIENT = "client";
    /** PKCS12: the JDK's default keystore type since Java 9, read by Artemis, ZooKeeper and keytool alike. */
    public static final String STORE_TYPE = "PKCS12";

    private static final String FOLDER = "tls";
    private static final String CA_ALIAS = "lab-ca";
    private static final Pattern IPV4 = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");

    private final Path dir;

    public LabTls(Path labRoot) {
        this.dir = labRoot.resolve(FOLDER);
    }

    /** The stores of the lab whose {@code tls/} folder is {@code tlsDir} (as {@code lab.json} names it). */
    public static LabTls in(Path tlsDir) {
        Path absolute = tlsDir.toAbsolutePath();
        if (!absolute.getFileName().toString().equals(FOLDER)) {
            throw new IllegalArgumentException(tlsDir + " is not a lab's " + FOLDER + "/ folder");
        }
        return new LabTls(absolute.getParent());
    }

    public Path dir() {
        return dir;
    }

    public Path authority() {
        return dir.resolve("ca.p12");
    }

    public Path truststore() {
        return dir.resolve("truststore.p12");
    }

    /** The keystore of a node, or of the clients ({@link #CLIENT}). */
    public Path keystore(String owner) {
        return dir.resolve(owner + ".p12");
    }

    /**
     * Makes the CA and truststore if the lab has none yet (a later {@code up} keeps them, so clients' trust stays
     * good), and issues a fresh keystore for each owner, valid for {@code localhost}, {@code 127.0.0.1} and the
     * given hosts: the addresses change when the lab is started with another {@code --host}.
     *
     * @param labName  names the CA, so that two labs' certificates tell apart
     * @param owners   each node's name and the extra hosts it is reached by; the clients' keystore is added
     * @param password the password of every store of this lab
     */
    public void ensure(String labName, List<Owner> owners, String password) {
        try {
            Files.createDirectories(dir);
            Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
            Certificates.Issued ca = Files.exists(authority()) ? load(authority(), password) : null;
            if (ca == null) {
                ca = Certificates.authority(labName);
                KeyStore cas = store();
                cas.setKeyEntry(CA_ALIAS, ca.key(), password.toCharArray(), ca.chain().toArray(Certificate[]::new));
                write(cas, authority(), password);
                KeyStore trust = store();
                trust.setCertificateEntry(CA_ALIAS, ca.certificate());
                write(trust, truststore(), password);
            }
            List<Owner> all = new ArrayList<>(owners);
            all.add(new Owner(CLIENT, List.of()));
            for (Owner o : all) {
                Certificates.Issued leaf = Certificates.issue(ca, o.name(), dnsNames(o.hosts()), ipAddresses(o.hosts()));
                KeyStore ks = store();
                ks.setKeyEntry(o.name(), leaf.key(), password.toCharArray(), leaf.chain().toArray(Certificate[]::new));
                write(ks, keystore(o.name()), password);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the lab's TLS files in " + dir, e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot make the lab's TLS files in " + dir + ": " + e.getMessage(), e);
        }
    }

    /** A node (or the clients) and the hosts besides {@code localhost} and {@code 127.0.0.1} it is reached by. */
    public record Owner(String name, List<String> hosts) {
    }

    private static List<String> dnsNames(List<String> hosts) {
        Set<String> names = new LinkedHashSet<>(List.of("localhost"));
        hosts.stream().filter(h -> !IPV4.matcher(h).matches() && !h.contains(":")).forEach(names::add);
        return List.copyOf(names);
    }

    private static List<String> ipAddresses(List<String> hosts) {
        Set<String> ips = new LinkedHashSet<>(List.of("127.0.0.1"));
        // 0.0.0.0 binds every interface, but no client connects to it: it names no certificate's address
        hosts.stream().filter(h -> IPV4.matcher(h).matches() && !h.equals("0.0.0.0")).forEach(ips::add);
        return List.copyOf(ips);
    }

    private static Certificates.Issued load(Path file, String password) throws IOException, GeneralSecurityException {
        KeyStore ks = KeyStore.getInstance(STORE_TYPE);
        try (InputStream in = Files.newInputStream(file)) {
            ks.load(in, password.toCharArray());
        }
        String alias = ks.aliases().nextElement();
        List<X509Certificate> chain = new ArrayList<>();
        for (Certificate c : ks.getCertificateChain(alias)) {
            chain.add((X509Certificate) c);
        }
        return new Certificates.Issued((PrivateKey) ks.getKey(alias, password.toCharArray()), chain);
    }

    private static KeyStore store() throws GeneralSecurityException, IOException {
        KeyStore ks = KeyStore.getInstance(STORE_TYPE);
        ks.load(null, null);
        return ks;
    }

    /** Written beside the target with owner-only rights, then renamed over it: never readable by others, not even briefly. */
    private static void write(KeyStore ks, Path target, String password) throws IOException, GeneralSecurityException {
        Path tmp = Files.createTempFile(target.getParent(), target.getFileName().toString(), ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                ks.store(out, password.toCharArray());
            }
            Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
