package dev.lane.cli;

import java.io.IOException;
import java.io.InputStream;
import java.util.Properties;
import picocli.CommandLine.IVersionProvider;

/** {@code lane --version}: the project version baked into the jar at build time, plus the Java runtime. */
public final class VersionProvider implements IVersionProvider {
    @Override
    public String[] getVersion() throws IOException {
        return new String[] {"lane " + lane(), "Java " + System.getProperty("java.version")};
    }

    /** lane's own version, as the build recorded it ("unknown" if the jar holds no record). */
    static String lane() throws IOException {
        Properties p = new Properties();
        try (InputStream in = VersionProvider.class.getResourceAsStream("version.properties")) {
            if (in != null) {
                p.load(in);
            }
        }
        return p.getProperty("version", "unknown");
    }
}
