/**
 * Connection secrets (OAuth tokens, API tokens, client secrets), encrypted at rest with Tink AEAD: only ciphertext and
 * the id of the sealing key reach the database, bound to their connection; keys come from a keyset file (a mounted
 * Kubernetes Secret) and rotate with {@code credentials rotate-key}. Nothing here logs or prints a secret. A token
 * refresh is saved in a transaction of its own (never the chunk's), so a rotated refresh token survives a rollback
 * or a crash; new secrets replace old ones in place and a re-added account reattaches its disconnected connection,
 * so a connection's links and watermarks outlive any change of credentials.
 */
@NullMarked
package com.penguinmails.crmsync.credentials;

import org.jspecify.annotations.NullMarked;
