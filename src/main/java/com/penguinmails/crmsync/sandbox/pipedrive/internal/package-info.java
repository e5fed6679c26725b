/**
 * The Pipedrive sandbox's moving parts: authentication, rate limits, the in-memory store, validation, rendering and
 * one handler class per resource. Only {@code PipedriveSandbox} is meant to be used from outside.
 */
@NullMarked
package com.penguinmails.crmsync.sandbox.pipedrive.internal;

import org.jspecify.annotations.NullMarked;
