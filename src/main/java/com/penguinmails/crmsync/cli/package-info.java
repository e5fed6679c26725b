/**
 * The operator CLI (picocli): every command says what it does, and exits 0 on success, 1 when a job failed, 2 on bad usage, bad input or an unreachable database.
 */
@NullMarked
package com.penguinmails.crmsync.cli;

import org.jspecify.annotations.NullMarked;
