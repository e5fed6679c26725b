package com.penguinmails.crmsync.credentials;

import java.nio.file.Path;
import org.jspecify.annotations.Nullable;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Where the credential keyset lives ({@code crmsync.credentials.keyset-file}, {@code CRMSYNC_CREDENTIALS_KEYSET_FILE}).
 * Unset: {@code ~/.crm-sync/keyset.json}, generated on first use with owner-only permissions (the local default).
 * Set: the file must exist (a mounted Secret); the suite never invents a key where one was promised, unless
 * {@code generate-missing} says so (tests).
 */
@ConfigurationProperties("crmsync.credentials")
public record CredentialsProperties(@Nullable Path keysetFile, @Nullable Boolean generateMissing) {

    static final Path DEFAULT_KEYSET = Path.of(System.getProperty("user.home"), ".crm-sync", "keyset.json");

    /** The keyset file to use. */
    public Path keyset() {
        return configured() ? java.util.Objects.requireNonNull(keysetFile) : DEFAULT_KEYSET;
    }

    /** Whether a missing keyset may be generated: at the local default location, or where explicitly allowed. */
    public boolean mayGenerate() {
        return generateMissing != null ? generateMissing : !configured();
    }

    private boolean configured() {
        return keysetFile != null && !keysetFile.toString().isBlank();
    }
}
