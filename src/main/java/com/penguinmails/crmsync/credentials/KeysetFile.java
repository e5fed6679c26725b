package com.penguinmails.crmsync.credentials;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;

/**
 * A Tink keyset stored as JSON in a file readable by its owner only: read, generated (AES-256-GCM) when allowed,
 * and replaced atomically on rotation, so a crash never leaves half a keyset.
 */
final class KeysetFile {

    private final Path path;

    KeysetFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.isRegularFile(path);
    }

    KeysetHandle read() {
        try {
            return TinkJsonProtoKeysetFormat.parseKeyset(Files.readString(path, StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get());
        } catch (IOException e) {
            throw new CredentialsException("cannot read the credential keyset " + path + ": " + e.getMessage(), e);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("the credential keyset " + path + " is not a valid Tink JSON keyset", e);
        }
    }

    /** Generates a new AES-256-GCM keyset, writes it and returns it. */
    KeysetHandle generate() {
        try {
            KeysetHandle handle = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
            write(handle);
            return handle;
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot generate a credential keyset", e);
        }
    }

    /** Replaces the file with {@code handle}: written to a sibling temporary file (mode 600), then moved over it. */
    void write(KeysetHandle handle) {
        try {
            Path dir = path.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, ".keyset", ".tmp");
            try {
                setOwnerOnly(tmp);
                Files.writeString(tmp, TinkJsonProtoKeysetFormat.serializeKeyset(handle, InsecureSecretKeyAccess.get()),
                        StandardCharsets.UTF_8);
                try {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                } catch (AtomicMoveNotSupportedException e) {
                    Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
                }
            } finally {
                Files.deleteIfExists(tmp);
            }
        } catch (IOException | GeneralSecurityException e) {
            throw new CredentialsException("cannot write the credential keyset " + path + ": " + e.getMessage(), e);
        }
    }

    private static void setOwnerOnly(Path file) throws IOException {
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException | FileSystemException e) {
            // not a POSIX file system: rely on the directory's protection
        }
    }
}
