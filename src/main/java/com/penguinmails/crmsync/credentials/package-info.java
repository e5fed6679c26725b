/**
 * Connection secrets (OAuth tokens, API tokens, client secrets), encrypted at rest with Tink AEAD: only ciphertext and
 * the id of the sealing key reach the database, bound to their connection; keys come from a keyset file (a mounted
 * Kubernetes Secret) and rotate with {@code credentials rotate-key}. Nothing here logs or prints a secret.
 */
@NullMarked
package com.penguinmails.crmsync.credentials;

import org.jspecify.annotations.NullMarked;
