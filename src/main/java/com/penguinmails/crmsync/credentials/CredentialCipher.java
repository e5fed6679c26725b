package com.penguinmails.crmsync.credentials;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.KeyStatus;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.concurrent.atomic.AtomicReference;
import org.springframework.stereotype.Component;

/**
 * Seals and opens connection secrets with Tink AEAD. The associated data binds a ciphertext to its connection, so a
 * ciphertext copied onto another connection's row does not open. Every ciphertext carries the id of its key (Tink's
 * prefix), which is also stored beside it as {@code key_id}.
 */
@Component
public class CredentialCipher {

    /** A ciphertext and the id of the key that sealed it. */
    public record Sealed(byte[] ciphertext, String keyId) {
    }

    /** The scope of a connection's CRM secrets ({@code crm_sync.credentials}); kept as first written. */
    private static final String CONNECTION_SECRETS = "crm_sync.connections";

    private final KeysetFile file;
    private final boolean mayGenerate;
    private final AtomicReference<KeysetHandle> keyset = new AtomicReference<>();

    public CredentialCipher(CredentialsProperties properties) {
        this.file = new KeysetFile(properties.keyset());
        this.mayGenerate = properties.mayGenerate();
        try {
            AeadConfig.register();
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot register Tink AEAD", e);
        }
    }

    public Sealed seal(String plaintext, long connectionId) {
        return seal(plaintext, connectionId, CONNECTION_SECRETS);
    }

    /**
     * Seals a secret of the connection kept in another table ({@code scope}, e.g. {@code crm_sync.webhook_credentials}):
     * its ciphertext opens only with the same scope and connection, so it cannot pass for the connection's CRM secrets.
     */
    public Sealed seal(String plaintext, long connectionId, String scope) {
        try {
            KeysetHandle handle = keyset();
            byte[] ciphertext = handle.getPrimitive(RegistryConfiguration.get(), Aead.class)
                    .encrypt(plaintext.getBytes(StandardCharsets.UTF_8), associatedData(scope, connectionId));
            return new Sealed(ciphertext, keyId(handle.getPrimary().getId()));
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot encrypt the credentials of connection " + connectionId, e);
        }
    }

    public String open(byte[] ciphertext, long connectionId) {
        return open(ciphertext, connectionId, CONNECTION_SECRETS);
    }

    /** Opens what {@link #seal(String, long, String)} sealed with the same scope and connection. */
    public String open(byte[] ciphertext, long connectionId, String scope) {
        try {
            byte[] plaintext = keyset().getPrimitive(RegistryConfiguration.get(), Aead.class)
                    .decrypt(ciphertext, associatedData(scope, connectionId));
            return new String(plaintext, StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot decrypt the credentials of connection " + connectionId
                    + ": the keyset lacks their key or they belong to another connection", e);
        }
    }

    /** The id of the key that seals new ciphertexts. */
    public String primaryKeyId() {
        return keyId(keyset().getPrimary().getId());
    }

    /**
     * Adds a new AES-256-GCM key, makes it primary and saves the keyset; older keys stay enabled so existing
     * ciphertexts still open until they are re-sealed.
     */
    public synchronized String addPrimaryKey() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset());
            builder.addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                    .withRandomId().makePrimary());
            KeysetHandle rotated = builder.build();
            file.write(rotated);
            keyset.set(rotated);
            return primaryKeyId();
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot add a key to the credential keyset", e);
        }
    }

    /** Disables every key but the primary (after all ciphertexts were re-sealed) and saves the keyset. */
    public synchronized int disableOldKeys() {
        try {
            KeysetHandle.Builder builder = KeysetHandle.newBuilder(keyset());
            int disabled = 0;
            for (int i = 0; i < builder.size(); i++) {
                if (!builder.getAt(i).isPrimary() && builder.getAt(i).getStatus() == KeyStatus.ENABLED) {
                    builder.getAt(i).setStatus(KeyStatus.DISABLED);
                    disabled++;
                }
            }
            KeysetHandle handle = builder.build();
            file.write(handle);
            keyset.set(handle);
            return disabled;
        } catch (GeneralSecurityException e) {
            throw new CredentialsException("cannot disable old keys of the credential keyset", e);
        }
    }

    private KeysetHandle keyset() {
        KeysetHandle handle = keyset.get();
        if (handle == null) {
            synchronized (this) {
                handle = keyset.get();
                if (handle == null) {
                    if (!file.exists() && !mayGenerate) {
                        throw new CredentialsException("the credential keyset " + file.path() + " does not exist; "
                                + "mount the keyset Secret there, or unset CRMSYNC_CREDENTIALS_KEYSET_FILE for a "
                                + "local keyset");
                    }
                    handle = file.exists() ? file.read() : file.generate();
                    keyset.set(handle);
                }
            }
        }
        return handle;
    }

    private static byte[] associatedData(String scope, long connectionId) {
        return (scope + ":" + connectionId).getBytes(StandardCharsets.UTF_8);
    }

    private static String keyId(int id) {
        return "tink:" + Integer.toUnsignedString(id);
    }
}
